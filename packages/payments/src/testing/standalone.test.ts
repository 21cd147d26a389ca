// The fake WeChat Pay as the browser tests run it: a process of its own, driven through /__fake/*.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { WechatPayClient, paymentAccount, verifyNotification, type NotificationOutcome } from "../index";
import { FakeWechatPayClient, testAppid, testMerchant } from "./index";

let child: ChildProcess;
let control: FakeWechatPayClient;
let baseUrl: string;

beforeAll(async () => {
  child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "main.ts"), "0", "50,100"], { stdio: ["ignore", "pipe", "inherit"] });
  baseUrl = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolve(url);
    });
    child.on("exit", (code) => reject(new Error(`the fake exited (${code}): ${output}`)));
  });
  control = new FakeWechatPayClient(baseUrl);
});
afterAll(() => {
  child.kill("SIGTERM");
});

it("takes merchants, answers the product's client and delivers the notification of a payment made through it", async () => {
  const appid = testAppid();
  const merchant = testMerchant(await control.wechatpayKeys(), { appids: [appid] });
  await control.registerMerchant(merchant.registration);
  const outcomes: NotificationOutcome[] = [];
  const receiver = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      outcomes.push(verifyNotification({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") }, merchant.keys));
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  try {
    const client = new WechatPayClient(paymentAccount({ mode: "direct", ...merchant.keys }, appid), { baseUrl, timeoutMs: 5_000, retryDelaysMs: [] });
    const outTradeNo = `KDS${Date.now()}`;
    await client.prepay({ outTradeNo, description: "面馆-牛肉面", amountFen: 1800, payerOpenid: "oShopper123456", notifyUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/notify` });
    const { notificationId } = await control.pay(outTradeNo);
    await control.idle();
    expect(outcomes).toEqual([{ ok: true, notification: expect.objectContaining({ id: notificationId, transaction: expect.objectContaining({ outTradeNo, totalFen: 1800 }) }) }]);
    expect((await client.queryOrder(outTradeNo)).state).toBe("SUCCESS");
    expect((await control.deliveries()).map((d) => d.result)).toEqual([204]);
  } finally {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
});
