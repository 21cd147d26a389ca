// `tsx packages/payments/src/testing/main.ts <port> [resend schedule in ms, comma-separated]`: the fake WeChat Pay
// as a process of its own, for browser tests. Point WECHATPAY_API_BASE at it, read its keys and register merchants
// with FakeWechatPayClient.
import { startFakeWechatPay } from "./fake-wechat-pay";

const [port, schedule] = process.argv.slice(2);
if (!port) {
  console.error("Usage: tsx packages/payments/src/testing/main.ts <port> [resend schedule ms, e.g. 200,500,1000]");
  process.exit(2);
}
const fake = await startFakeWechatPay({ port: Number(port), ...(schedule ? { resendScheduleMs: schedule.split(",").map(Number) } : {}) });
console.log(`fake WeChat Pay listening on ${fake.baseUrl}`);
const stop = () => void fake.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
