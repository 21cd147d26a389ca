// Drives a fake WeChat Pay running in another process (browser tests') through its /__fake/* requests.
import type { FakeDelivery, FakeMerchant, FakeNotificationFault, FakeOrder, FakePayFault, FakePayRoute, FakeRefund, FakeRequestPayment, FakeWechatPay } from "./fake-wechat-pay";

export class FakeWechatPayClient {
  constructor(private readonly baseUrl: string) {}

  wechatpayKeys(): Promise<FakeWechatPay["wechatpayKeys"]> {
    return this.call("wechatpayKeys");
  }
  registerMerchant(merchant: FakeMerchant): Promise<void> {
    return this.call("registerMerchant", merchant);
  }
  signWith(which: "publicKey" | "platformCertificate"): Promise<void> {
    return this.call("signWith", which);
  }
  pay(outTradeNo: string, options?: { mchid?: string; paidFen?: number; requestPayment?: FakeRequestPayment }): Promise<{ transactionId: string; notificationId: string }> {
    return this.call("pay", outTradeNo, options);
  }
  inject(route: FakePayRoute, fault: FakePayFault, options?: { times?: number }): Promise<void> {
    return this.call("inject", route, fault, options);
  }
  spoilNextNotification(fault: FakeNotificationFault): Promise<void> {
    return this.call("spoilNextNotification", fault);
  }
  holdNotifications(): Promise<void> {
    return this.call("holdNotifications");
  }
  releaseNotifications(options?: { reverse?: boolean }): Promise<void> {
    return this.call("releaseNotifications", options);
  }
  replayNotification(notificationId: string): Promise<number | "timeout" | "error"> {
    return this.call("replayNotification", notificationId);
  }
  advanceClock(ms: number): Promise<void> {
    return this.call("advanceClock", ms);
  }
  order(outTradeNo: string, mchid?: string): Promise<FakeOrder | null> {
    return this.call("order", outTradeNo, mchid);
  }
  deliveries(): Promise<FakeDelivery[]> {
    return this.call("deliveries");
  }
  refunds(): Promise<FakeRefund[]> {
    return this.call("refunds");
  }
  idle(): Promise<void> {
    return this.call("idle");
  }

  private async call<T>(name: string, ...args: unknown[]): Promise<T> {
    const response = await fetch(new URL(`/__fake/${name}`, this.baseUrl), { method: "POST", body: JSON.stringify(args) });
    const payload = (await response.json()) as { result?: T; error?: string };
    if (!response.ok) throw new Error(`fake WeChat Pay: ${payload.error ?? response.status}`);
    return payload.result as T;
  }
}
