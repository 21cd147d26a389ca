// Orders as a domain, framework-free: the shopper's order request and its refusals, pricing from the catalog in
// integer fen, the merchant's delivery rules, the order lifecycle with its recorded events, and the order number.
export { DELIVERY_METHODS, DEFAULT_DELIVERY_RULES, deliveryRulesSchema, deliveryAvailable, deliveryFeeFen, type DeliveryMethod, type DeliveryRules } from "./delivery";
export {
  MAX_LINE_QUANTITY,
  MAX_ORDER_LINES,
  orderLineInputSchema,
  orderRequestSchema,
  shippingAddressSchema,
  deliveryChoiceSchema,
  parseOrderRequest,
  type OrderLineInput,
  type OrderRequest,
  type OrderRequestInput,
  type ShippingAddress,
  type DeliveryChoice,
  type ParsedOrderRequest,
} from "./request";
export { MAX_ORDER_TOTAL_FEN, priceOrder, priceRound, type PricedRound, type PricedLine, type PricedOrder, type Pricing, type ChosenDishOptions } from "./pricing";
export { applyCoupon, discountableLines, type CouponChoice, type CouponedOrder } from "./order-coupons";
export { orderRefusalMessage, yuanText, type OrderRefusal, type OrderRefusalCode, type OptionProblem, type Locale } from "./refusals";
export {
  ORDER_STATUSES,
  ACTOR_ROLES,
  trackingSchema,
  orderCommandSchema,
  transition,
  availableActions,
  orderStatusName,
  transitionRefusalMessage,
  type OrderStatus,
  type ActorRole,
  type Actor,
  type Tracking,
  type OrderCommand,
  type OrderCommandInput,
  type OrderAction,
  type OrderState,
  type OrderEvent,
  type TransitionRefusal,
  type Transition,
} from "./lifecycle";
export { MAX_DAILY_SEQUENCE, shanghaiDay, formatOrderNumber, formatPickupNumber, parseOrderNumber, type OrderNumberParts } from "./order-number";
export { paymentProblemMessage, type PaymentProblem } from "./payment-problems";
export {
  MAX_STAY_NIGHTS,
  stayDateSchema,
  stayDatesSchema,
  stayQuoteSchema,
  bookingRequestSchema,
  stayNights,
  stayDays,
  addStayDays,
  shanghaiToday,
  nightName,
  stayRefusalMessage,
  cancellationRefund,
  cancellationText,
  checkInDayEnds,
  type BookingRequest,
  type StayDates,
  type StayRefusal,
  type CancellationQuote,
} from "./stays";
export { TABLE_PAYMENTS, TAB_PAYABLE_HOURS, refundableThroughWechat, tableOrderSettingsSchema, roundRequestSchema, roundStage, type TablePayment, type TableOrderSettings, type TableOrderSettingsInput, type RoundRequest, type RoundStage } from "./table-orders";
