// `tsx packages/wechat/src/testing/api-main.ts <port>`: the fake WeChat server API (login, tokens, phone numbers,
// shipping, subscribe messages) as a process of its own, for browser tests. Point WECHAT_API_BASE at it and drive
// it with FakeWechatApiClient.
import { startFakeWechatApi } from "./fake-wechat-api";

const [port] = process.argv.slice(2);
if (!port) {
  console.error("Usage: tsx packages/wechat/src/testing/api-main.ts <port>");
  process.exit(2);
}
const fake = await startFakeWechatApi({ port: Number(port) });
console.log(`fake WeChat API listening on ${fake.baseUrl}`);
const stop = () => void fake.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
