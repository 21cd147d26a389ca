// Drives a fake WeChat server API running in another process (browser tests') through its /__fake/* requests:
// the same methods as the in-process fake, asynchronous.
import type { FakeApiFault, FakeApiPath, FakeMiniProgram, FakePaidOrder, FakeSentMessage, FakeShippingUpload, FakeTemplate } from "./fake-wechat-api";

export class FakeWechatApiClient {
  constructor(private readonly baseUrl: string) {}

  registerApp(app: FakeMiniProgram): Promise<void> {
    return this.call("registerApp", app);
  }
  registerTemplate(template: FakeTemplate): Promise<void> {
    return this.call("registerTemplate", template);
  }
  issueLoginCode(appid: string, shopper: { openid: string; unionid?: string }): Promise<string> {
    return this.call("issueLoginCode", appid, shopper);
  }
  issuePhoneCode(appid: string, phone: { purePhoneNumber: string; countryCode?: string }): Promise<string> {
    return this.call("issuePhoneCode", appid, phone);
  }
  acceptSubscription(appid: string, openid: string, templateId: string): Promise<void> {
    return this.call("acceptSubscription", appid, openid, templateId);
  }
  markOrderPaid(order: FakePaidOrder): Promise<void> {
    return this.call("markOrderPaid", order);
  }
  inject(path: FakeApiPath, fault: FakeApiFault, options?: { times?: number; appid?: string }): Promise<void> {
    return this.call("inject", path, fault, options);
  }
  advanceClock(ms: number): Promise<void> {
    return this.call("advanceClock", ms);
  }
  tokenCalls(appid: string): Promise<number> {
    return this.call("tokenCalls", appid);
  }
  shippingUploads(): Promise<FakeShippingUpload[]> {
    return this.call("shippingUploads");
  }
  sentMessages(): Promise<FakeSentMessage[]> {
    return this.call("sentMessages");
  }

  private async call<T>(name: string, ...args: unknown[]): Promise<T> {
    const response = await fetch(new URL(`/__fake/${name}`, this.baseUrl), { method: "POST", body: JSON.stringify(args) });
    const payload = (await response.json()) as { result?: T; error?: string };
    if (!response.ok) throw new Error(`fake WeChat API: ${payload.error ?? response.status}`);
    return payload.result as T;
  }
}
