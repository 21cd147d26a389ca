// Notifications as WeChat Pay sends them: the fake pays or refunds and POSTs to a real notify_url served here,
// which verifies them with the product's code. Forged, tampered and stale ones are refused; refused or failed
// deliveries are resent.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { WechatPayClient, notificationAnswer, paymentAccount, verifyNotification, type MerchantKeys, type NotificationOutcome, type PaymentAccount } from "./index";
import { startFakeWechatPay, testAppid, testMchid, testMerchant, type FakeWechatPay } from "./testing";

/** A store's notify_url: verifies each notification with the keys it was given, as the orders route will. */
type Receiver = { url: string; outcomes: NotificationOutcome[]; failNext: number; clockOffsetMs: number; keys: MerchantKeys; close(): Promise<void> };

async function startReceiver(keys: MerchantKeys): Promise<Receiver> {
  const receiver: Receiver = { url: "", outcomes: [], failNext: 0, clockOffsetMs: 0, keys, close: async () => undefined };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      if (receiver.failNext > 0) {
        receiver.failNext--;
        response.writeHead(500, { "content-type": "application/json" });
        return response.end(JSON.stringify({ code: "FAIL", message: "数据库暂时不可用" }));
      }
      const outcome = verifyNotification({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") }, receiver.keys, () => Date.now() + receiver.clockOffsetMs);
      receiver.outcomes.push(outcome);
      const answer = notificationAnswer(outcome);
      response.writeHead(answer.status, answer.body ? { "content-type": "application/json" } : {});
      response.end(answer.body ? JSON.stringify(answer.body) : undefined);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechatpay/notify`;
  receiver.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return receiver;
}

let fake: FakeWechatPay;
let receiver: Receiver;
let account: PaymentAccount;
let merchant: ReturnType<typeof testMerchant>;

beforeAll(async () => {
  fake = await startFakeWechatPay({ resendScheduleMs: [30, 60, 90] });
  const appid = testAppid();
  merchant = testMerchant(fake.wechatpayKeys, { appids: [appid] });
  fake.registerMerchant(merchant.registration);
  account = paymentAccount({ mode: "direct", ...merchant.keys }, appid);
  receiver = await startReceiver(merchant.keys);
});
afterAll(async () => {
  await fake.close();
  await receiver.close();
});
beforeEach(async () => {
  await fake.idle();
  receiver.outcomes.length = 0;
  receiver.failNext = 0;
  receiver.clockOffsetMs = 0;
  receiver.keys = merchant.keys;
});

const client = () => new WechatPayClient(account, { baseUrl: fake.baseUrl, timeoutMs: 2_000, retryDelaysMs: [] });
let sequence = 0;
async function placeOrder(amountFen = 2500, notifyUrl = receiver.url) {
  const outTradeNo = `KDN${Date.now()}${++sequence}`;
  await client().prepay({ outTradeNo, description: "奶茶店-珍珠奶茶 x2", amountFen, payerOpenid: "oShopper123456", notifyUrl });
  return outTradeNo;
}
const verified = () => receiver.outcomes.filter((o): o is Extract<NotificationOutcome, { ok: true }> => o.ok).map((o) => o.notification);
const refusals = () => receiver.outcomes.filter((o): o is Extract<NotificationOutcome, { ok: false }> => !o.ok).map((o) => o.refusal);

describe("a payment notification", () => {
  it("arrives verified and decrypted, with the order, the transaction, the payer and the amount", async () => {
    const outTradeNo = await placeOrder(2500);
    const { transactionId, notificationId } = fake.pay(outTradeNo);
    await fake.idle();
    expect(verified()).toEqual([
      {
        kind: "payment",
        id: notificationId,
        eventType: "TRANSACTION.SUCCESS",
        createdAt: expect.any(Date),
        transaction: expect.objectContaining({ outTradeNo, transactionId, state: "SUCCESS", totalFen: 2500, payerTotalFen: 2500, payerOpenid: "oShopper123456", mchid: merchant.keys.mchid }),
      },
    ]);
    expect(fake.deliveries.filter((d) => d.notificationId === notificationId).map((d) => d.result)).toEqual([204]);
  });

  it("is resent until the store answers 2xx", async () => {
    receiver.failNext = 2;
    const outTradeNo = await placeOrder();
    const { notificationId } = fake.pay(outTradeNo);
    await fake.idle();
    expect(fake.deliveries.filter((d) => d.notificationId === notificationId).map((d) => [d.attempt, d.result])).toEqual([[1, 500], [2, 500], [3, 204]]);
    expect(verified().map((n) => n.id)).toEqual([notificationId]);
  });

  it("may come twice at once, or out of order: each copy verifies, with the same id to dedupe by", async () => {
    const first = await placeOrder();
    fake.spoilNextNotification({ duplicates: 2 });
    const { notificationId } = fake.pay(first);
    await fake.idle();
    expect(verified().map((n) => n.id)).toEqual([notificationId, notificationId, notificationId]);

    receiver.outcomes.length = 0;
    fake.holdNotifications();
    const a = await placeOrder();
    const b = await placeOrder();
    fake.pay(a);
    fake.pay(b);
    fake.releaseNotifications({ reverse: true });
    await fake.idle();
    expect(verified().map((n) => (n.kind === "payment" ? n.transaction.outTradeNo : ""))).toEqual([b, a]);
  });

  it("replayed within five minutes verifies again (the orders domain dedupes it); replayed later it is refused as stale", async () => {
    const outTradeNo = await placeOrder();
    const { notificationId } = fake.pay(outTradeNo);
    await fake.idle();
    expect(await fake.replayNotification(notificationId)).toBe(204);
    receiver.clockOffsetMs = 6 * 60_000;
    expect(await fake.replayNotification(notificationId)).toBe(401);
    expect(receiver.outcomes.map((o) => (o.ok ? o.notification.id : o.refusal))).toEqual([notificationId, notificationId, "stale"]);
  });

  it("with an amount tampered with on the way, a forged signature or an old timestamp is refused, and resent", async () => {
    for (const [spoil, refusal] of [
      [{ tamperAmountFen: 1 }, "badSignature"],
      [{ forgeSignature: true }, "badSignature"],
      [{ staleSeconds: 400 }, "stale"],
    ] as const) {
      receiver.outcomes.length = 0;
      const outTradeNo = await placeOrder();
      fake.spoilNextNotification(spoil);
      const { notificationId } = fake.pay(outTradeNo);
      await fake.idle();
      expect(refusals(), JSON.stringify(spoil)).toEqual([refusal, refusal, refusal, refusal]);
      expect(verified()).toEqual([]);
      expect(fake.deliveries.filter((d) => d.notificationId === notificationId).map((d) => d.result)).toEqual([401, 401, 401, 401]);
    }
  });

  it("for an amount other than the order's is verified as sent, for the orders domain to flag", async () => {
    const outTradeNo = await placeOrder(2500);
    fake.pay(outTradeNo, { paidFen: 1 });
    await fake.idle();
    expect(verified()[0]).toMatchObject({ kind: "payment", transaction: { outTradeNo, totalFen: 1 } });
  });

  it("is refused when signed by a key the store does not hold, or decrypted with the wrong APIv3 key", async () => {
    receiver.keys = { ...merchant.keys, wechatpayKeys: [fake.wechatpayKeys.platformCertificate] };
    fake.pay(await placeOrder());
    await fake.idle();
    expect(new Set(refusals())).toEqual(new Set(["unknownSerial"]));

    receiver.outcomes.length = 0;
    receiver.keys = { ...merchant.keys, apiV3Key: "k".repeat(32) };
    fake.pay(await placeOrder());
    await fake.idle();
    expect(new Set(refusals())).toEqual(new Set(["undecryptable"]));
  });

  it("without WeChat Pay's headers is refused before anything else", () => {
    const outcome = verifyNotification({ headers: { "content-type": "application/json" }, body: "{}" }, merchant.keys);
    expect(outcome).toMatchObject({ ok: false, refusal: "headersMissing" });
    expect(notificationAnswer(outcome)).toEqual({ status: 401, body: { code: "FAIL", message: "headersMissing" } });
  });

  it("is verified under a platform certificate too, for a store that holds both keys during the switch", async () => {
    receiver.keys = { ...merchant.keys, wechatpayKeys: [fake.wechatpayKeys.publicKey, fake.wechatpayKeys.platformCertificate] };
    const outTradeNo = await placeOrder();
    fake.signWith("platformCertificate");
    try {
      fake.pay(outTradeNo);
      await fake.idle();
    } finally {
      fake.signWith("publicKey");
    }
    expect(verified()).toHaveLength(1);
  });
});

describe("a notify_url that does not answer within the time WeChat Pay waits", () => {
  it("gets the notification again", async () => {
    const impatient = await startFakeWechatPay({ resendScheduleMs: [30], notificationTimeoutMs: 300 });
    const appid = testAppid();
    const m = testMerchant(impatient.wechatpayKeys, { appids: [appid] });
    impatient.registerMerchant(m.registration);
    let calls = 0;
    const outcomes: NotificationOutcome[] = [];
    const slow = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        // The first delivery finds the store's server stuck; it answers only the second.
        if (++calls === 1) return;
        outcomes.push(verifyNotification({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") }, m.keys));
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => slow.listen(0, "127.0.0.1", resolve));
    try {
      const outTradeNo = `KDT${Date.now()}`;
      await new WechatPayClient(paymentAccount({ mode: "direct", ...m.keys }, appid), { baseUrl: impatient.baseUrl, timeoutMs: 2_000, retryDelaysMs: [] }).prepay({
        outTradeNo,
        description: "咖啡-拿铁",
        amountFen: 2800,
        payerOpenid: "oShopper123456",
        notifyUrl: `http://127.0.0.1:${(slow.address() as AddressInfo).port}/notify`,
      });
      impatient.pay(outTradeNo);
      await impatient.idle();
      expect(impatient.deliveries.map((d) => d.result)).toEqual(["timeout", 204]);
      expect(outcomes).toEqual([{ ok: true, notification: expect.objectContaining({ kind: "payment" }) }]);
    } finally {
      slow.closeAllConnections();
      await new Promise<void>((resolve) => slow.close(() => resolve()));
      await impatient.close();
    }
  });
});

describe("a refund notification", () => {
  it("arrives verified, with the refund's number, amount and status", async () => {
    const outTradeNo = await placeOrder(5000);
    fake.pay(outTradeNo);
    await fake.idle();
    receiver.outcomes.length = 0;
    const refund = await client().refund({ outTradeNo, outRefundNo: `${outTradeNo}R1`, refundFen: 1200, totalFen: 5000, notifyUrl: receiver.url });
    await fake.idle();
    expect(verified()).toEqual([
      {
        kind: "refund",
        id: expect.any(String),
        eventType: "REFUND.SUCCESS",
        createdAt: expect.any(Date),
        refund: expect.objectContaining({ outRefundNo: `${outTradeNo}R1`, refundId: refund.refundId, outTradeNo, state: "SUCCESS", refundFen: 1200, totalFen: 5000 }),
      },
    ]);
  });
});

describe("a sub-merchant's notification", () => {
  it("is encrypted with the provider's APIv3 key and names the store's sub-merchant and shopper", async () => {
    const subMchid = testMchid();
    const subAppid = testAppid();
    const spAppid = testAppid();
    const provider = testMerchant(fake.wechatpayKeys, { appids: [spAppid], subMerchants: [{ subMchid, appids: [subAppid] }] });
    fake.registerMerchant(provider.registration);
    const partner = paymentAccount({ mode: "partner", subMchid }, subAppid, { ...provider.keys, spAppid });
    const providerReceiver = await startReceiver(provider.keys);
    try {
      const outTradeNo = `KDP${Date.now()}`;
      await new WechatPayClient(partner, { baseUrl: fake.baseUrl, timeoutMs: 2_000, retryDelaysMs: [] }).prepay({
        outTradeNo,
        description: "酒店-大床房 1 晚",
        amountFen: 38_800,
        payerOpenid: "oSubShopper123",
        notifyUrl: providerReceiver.url,
      });
      fake.pay(outTradeNo);
      await fake.idle();
      expect(providerReceiver.outcomes).toEqual([
        { ok: true, notification: expect.objectContaining({ kind: "payment", transaction: expect.objectContaining({ outTradeNo, mchid: subMchid, payerOpenid: "oSubShopper123", totalFen: 38_800 }) }) },
      ]);
    } finally {
      await providerReceiver.close();
    }
  });
});
