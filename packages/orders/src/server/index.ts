// Orders in PostgreSQL: reading an order back, changing it through the lifecycle, and SKU stock. Framework-free;
// shop-api, the dashboard and the workers call these inside a store's scope (Database.scoped).
export { loadOrder, type OrderRecord, type OrderLineRecord, type OrderEventRecord } from "./order-record";
export { changeOrder, type ChangeOrderInput, type ChangeOrderResult } from "./change-order";
export { reserveStock, releaseStock, stockLeft, type StockLine, type Reservation } from "./stock";
