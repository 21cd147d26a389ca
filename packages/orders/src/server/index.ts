// Orders in the database, server-only: the merchant's reads and settings, the CSV, and the live feed of changes.
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
  type OrderPage,
  type OrderSummary,
} from "./merchant-orders";
export { csvCell, exportOrdersCsv } from "./orders-csv";
export { ORDERS_CHANNEL, OrderFeed, parseOrderChange, type OrderChange, type OrderFeedSubscriber } from "./order-feed";
