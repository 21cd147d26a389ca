// Drives a fake WeChat CI service running in another process (the browser tests' and the benchmark's) through its
// /__fake/* control requests.
import type { describeReceived, FakeApp, FakeFault } from "./fake-wechat-ci";

export class FakeWechatCiClient {
  constructor(private readonly proxyUrl: string) {}

  registerApp(app: FakeApp): Promise<void> {
    return this.post("/__fake/apps", app);
  }

  setFault(appid: string, fault: FakeFault | null, times?: number): Promise<void> {
    return this.post("/__fake/faults", { appid, fault, times });
  }

  async received(): Promise<ReturnType<typeof describeReceived>[]> {
    const response = await fetch(new URL("/__fake/received", this.proxyUrl));
    if (!response.ok) throw new Error(`fake WeChat: HTTP ${response.status}`);
    return (await response.json()) as ReturnType<typeof describeReceived>[];
  }

  private async post(path: string, body: unknown): Promise<void> {
    const response = await fetch(new URL(path, this.proxyUrl), { method: "POST", body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`fake WeChat: HTTP ${response.status} ${await response.text()}`);
  }
}
