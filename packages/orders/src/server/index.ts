// Orders in PostgreSQL: reading an order back, changing it through the lifecycle, and SKU stock. Framework-free;
// shop-api, the dashboard and the workers call these inside a store's scope (Database.scoped).
export { loadOrder, type OrderRecord, type OrderLineRecord, type OrderEventRecord } from "./order-record";
export { changeOrder, type ChangeOrderInput, type ChangeOrderResult } from "./change-order";
export { reserveStock, releaseStock, stockLeft, type StockLine, type Reservation } from "./stock";
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
  type OrderPage,
  type OrderSummary,
} from "./merchant-orders";
export { csvCell, exportOrdersCsv } from "./orders-csv";
export { ORDERS_CHANNEL, OrderFeed, parseOrderChange, type OrderChange, type OrderFeedSubscriber } from "./order-feed";
