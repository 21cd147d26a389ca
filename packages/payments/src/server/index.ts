// A store's WeChat Pay settings at rest and the connection test: the database side of payments, for the dashboard,
// shop-api and the workers.
export {
  paymentSettingsFormSchema,
  readPaymentSettings,
  savePaymentSettings,
  openPaymentAccount,
  paymentAccountOf,
  paymentsReady,
  paymentsReadyOf,
  readStoredPayment,
  type StoredPayment,
  recordPaymentCheck,
  privateKeyFingerprint,
  type PaymentSettingsForm,
  type PaymentSettingsView,
} from "./store-settings";
export { testPaymentConnection, type ConnectionTest } from "./connection-test";
