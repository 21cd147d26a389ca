// WeChat Pay API v3 for the stores: settings shapes, the client (prepay, wx.requestPayment parameters, query,
// close, refunds) and notification verification. Framework-free; reached through WECHATPAY_API_BASE.
export {
  storePaymentSettingsSchema,
  directPaymentSettingsSchema,
  partnerPaymentSettingsSchema,
  serviceProviderSchema,
  serviceProviderFromEnv,
  merchantKeysSchema,
  wechatpayKeySchema,
  wechatpayConnectionSchema,
  wechatpayConnection,
  paymentAccount,
  PaymentsNotSetUpError,
  type StorePaymentSettings,
  type ServiceProvider,
  type MerchantKeys,
  type PaymentAccount,
  type WechatpayConnection,
} from "./settings";
export {
  WechatPayClient,
  prepayInputSchema,
  refundInputSchema,
  outTradeNoSchema,
  TRADE_STATES,
  REFUND_STATES,
  type PrepayInput,
  type RefundInput,
  type Transaction,
  type Refund,
  type RequestPaymentParams,
} from "./client";
export { WechatPayError, PAYMENT_ERROR_KINDS, paymentErrorMessage, type PaymentErrorKind, type Locale } from "./errors";
export {
  verifyNotification,
  notificationAnswer,
  NOTIFICATION_REFUSALS,
  type NotificationRequest,
  type NotificationOutcome,
  type NotificationRefusal,
  type VerifiedNotification,
} from "./notifications";
