// `tsx packages/wechat/src/testing/main.ts <port> <dir>`: the fake WeChat CI service as a process of its own, for the
// browser tests and the publishing benchmark. Writes its test authority to <dir>/fake-wechat-ca.pem.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { startFakeWechatCi } from "./fake-wechat-ci";

const [port, dir] = process.argv.slice(2);
if (!port || !dir) {
  console.error("Usage: tsx packages/wechat/src/testing/main.ts <port> <dir>");
  process.exit(2);
}
await mkdir(path.resolve(dir), { recursive: true });
const fake = await startFakeWechatCi({ dir: path.resolve(dir), port: Number(port) });
console.log(`fake WeChat CI listening on ${fake.proxyUrl} (authority ${fake.caFile})`);
const stop = () => void fake.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
