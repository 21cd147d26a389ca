// Orders in PostgreSQL: reading an order back, changing it through the lifecycle, and SKU stock. Framework-free;
// shop-api, the dashboard and the workers call these inside a store's scope (Database.scoped).
export { loadOrder, type OrderRecord, type OrderLineRecord, type OrderEventRecord } from "./order-record";
export { changeOrder, type ChangeOrderInput, type ChangeOrderResult } from "./change-order";
export { reserveStock, releaseStock, stockLeft, type StockLine, type Reservation } from "./stock";
export { paymentDepsFromEnv, notifyUrl, type PaymentDeps } from "./payment-deps";
export { preparePayment, confirmPayment, applyPayment, queryPayment, type PreparedPayment, type PaymentOutcome } from "./payment";
export { handleNotification, type NotificationAnswer, type NotificationReport } from "./payment-notifications";
export { refundOrder, applyRefund, type RefundOrderInput, type RefundOrderResult, type RefundView, type RefundStatus, type RefundOutcome } from "./refunds";
export { expireDueOrders, uploadDueShipping, startOrderTimers, type OrderTimers, type OrderTimerOptions } from "./order-timers";
// Whether a store can take payment, for GET /ordering and the readiness checklist.
export { paymentsReady } from "@kaidian/payments/server";
