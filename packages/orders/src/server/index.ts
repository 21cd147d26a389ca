// Orders in PostgreSQL: reading an order back, changing it through the lifecycle, and SKU stock; and for shop-api,
// shoppers and their tokens, carts, placing orders and the shopper's own orders. Framework-free; shop-api, the
// dashboard and the workers call these inside a store's scope (Database.scoped).
export { loadOrder, type OrderRecord, type OrderLineRecord, type OrderEventRecord } from "./order-record";
export { changeOrder, type ChangeOrderInput, type ChangeOrderResult } from "./change-order";
export { assignPickupNumber, notifyOrderReady } from "./pickup-numbers";
export { notifyOrderPaid, notifyOrderShipped, ORDER_PAGE, type SubscribeSender } from "./order-messages";
export { reserveStock, releaseStock, stockLeft, type StockLine, type Reservation } from "./stock";
export { ShopperTokens, SHOPPER_TOKEN_SECONDS, bearerToken, type ShopperToken, type TokenCheck } from "./tokens";
export { loginShopper, saveShopperPhone, maskPhone, type ShopperProfile, type LoginOutcome, type PhoneOutcome, type WechatRefusal } from "./shoppers";
export { cartInputSchema, cartLineInputSchema, readCart, replaceCart, mergeCart, type Cart, type CartLine, type CartLineInput } from "./cart";
export { readOrdering, readOrderRules, DEFAULT_UNPAID_MINUTES, type Ordering } from "./ordering";
export type { RequestPayment } from "./checkout-payment";
export { placeOrder, quoteOrder, soldOutLines, IDEMPOTENCY_KEY, type Placement, type PlaceOrderInput, type Quote } from "./place-order";
export {
  orderView,
  shopperOrderView,
  shopperOrder,
  listShopperOrders,
  shopperOrderAction,
  shopperCommandSchema,
  itemStock,
  SHOPPER_ACTIONS,
  SHOPPER_ORDERS_PAGE,
  type OrderView,
  type OrderSummary,
  type OrderPage,
  type ShopperActionResult,
  type ItemStock,
} from "./shopper-orders";
export { SHOPPER_MESSAGES, shopperMessage, type ShopperMessageCode } from "./messages";
export { paymentDepsFromEnv, notifyUrl, type PaymentDeps } from "./payment-deps";
export { preparePayment, prepareShopperPayment, confirmPayment, applyPayment, queryPayment, type PreparedPayment, type PaymentOutcome } from "./payment";
export { handleNotification, type NotificationAnswer, type NotificationReport } from "./payment-notifications";
export { refundOrder, recordRefund, askRefund, retryDueRefunds, REFUND_ASK_LEASE_MS, applyRefund, type RefundOrderInput, type RefundOrderResult, type RefundView, type RefundStatus, type RefundOutcome } from "./refunds";
export { expireDueOrders, uploadDueShipping, startOrderTimers, type OrderTimers, type OrderTimerOptions } from "./order-timers";
// Whether a store can take payment, for GET /ordering and the readiness checklist.
export { paymentsReady } from "@kaidian/payments/server";
// The merchant's side: the inbox and an order, order settings, the CSV, and the live feed of changes.
export { UNPAID_MINUTES, orderSettingsSchema, readOrderSettings, saveOrderSettings, type OrderSettings, type OrderSettingsInput } from "./order-settings";
export {
  ORDER_FILTERS,
  ORDER_PAGE_SIZE,
  listMerchantOrders,
  optionsText,
  orderListQuerySchema,
  readMerchantOrder,
  type MerchantOrder,
  type MerchantOrderEvent,
  type MerchantOrderLine,
  type OrderFilter,
  type OrderListQuery,
  type OrderPage as MerchantOrderPage,
  type OrderSummary as MerchantOrderSummary,
} from "./merchant-orders";
export { csvCell, exportOrdersCsv } from "./orders-csv";
export { ORDERS_CHANNEL, OrderFeed, parseOrderChange, type OrderChange, type OrderFeedSubscriber } from "./order-feed";
// Hotel bookings: quotes, placing, the guest's cancellation with its refund, the front desk and the calendar.
export { holdNights, moveStayNights, type Hold, type StayNightsRef } from "./stay-nights";
export {
  quoteStay,
  placeBooking,
  loadStay,
  shopperBooking,
  cancelBooking,
  frontDeskAction,
  frontDesk,
  bookingsCalendar,
  FRONT_DESK_ACTIONS,
  type StayNight,
  type StayQuote,
  type StayQuoteResult,
  type PlaceBookingInput,
  type BookingPlacement,
  type StayRecord,
  type BookingView,
  type CancelBookingInput,
  type CancelBookingResult,
  type FrontDeskAction,
  type FrontDeskResult,
  type FrontDeskStay,
  type CalendarRoom,
} from "./stays";
// Table orders: the table's tab and rounds, paying it, the inbox's tables, and the kitchen with its live feed.
export {
  readTableOrderSettings,
  saveTableOrderSettings,
  tableByCode,
  openTab,
  tablesWithTabs,
  sendRound,
  payTab,
  markTabPaidAtCounter,
  closeTab,
  kitchenRounds,
  markDone,
  KITCHEN_DONE_MINUTES,
  type TabView,
  type RoundView,
  type RoundLine,
  type SentRound,
  type SendRoundInput,
  type TabPayment,
  type TabChange,
  type KitchenRound,
} from "./table-orders";
export { KITCHEN_CHANNEL, KitchenFeed, parseKitchenChange, type KitchenChange, type KitchenFeedSubscriber } from "./kitchen-feed";
