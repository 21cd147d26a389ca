export {
  startFakeWechatPay,
  FAKE_PAY_ROUTES,
  WECHAT_RESEND_SCHEDULE_MS,
  type FakeWechatPay,
  type FakeMerchant,
  type FakeSubMerchant,
  type FakePayRoute,
  type FakePayFault,
  type FakeNotificationFault,
  type FakeOrder,
  type FakeRefund,
  type FakeDelivery,
  type FakeRequestPayment,
} from "./fake-wechat-pay";
export { FakeWechatPayClient } from "./control-client";
export { testMerchant, testAppid, testMchid } from "./merchants";
export { arrangeServiceProvider, type TestServiceProvider } from "./service-provider";
