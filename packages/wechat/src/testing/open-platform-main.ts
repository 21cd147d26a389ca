// `tsx packages/wechat/src/testing/open-platform-main.ts <port>`: the fake open platform as a process of its own, for
// browser tests. Its platform's credentials come from FAKE_COMPONENT_APPID, _SECRET, _TOKEN and _AES_KEY, which the
// product is given as WECHAT_COMPONENT_*; drive it through its /__fake/* requests.
import { startFakeOpenPlatform } from "./fake-open-platform";

const [port] = process.argv.slice(2);
if (!port) {
  console.error("Usage: tsx packages/wechat/src/testing/open-platform-main.ts <port>");
  process.exit(2);
}
const env = process.env;
const fake = await startFakeOpenPlatform({
  port: Number(port),
  component: { appid: env.FAKE_COMPONENT_APPID, secret: env.FAKE_COMPONENT_SECRET, token: env.FAKE_COMPONENT_TOKEN, aesKey: env.FAKE_COMPONENT_AES_KEY },
});
console.log(`fake WeChat open platform listening on ${fake.baseUrl}`);
const stop = () => void fake.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
