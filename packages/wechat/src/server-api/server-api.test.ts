// The Mini Program server APIs against the fake WeChat over real HTTP, with the access token in the real database.
import { randomBytes, randomUUID } from "node:crypto";
import type { Database } from "@kaidian/db";
import { superuser, testDatabase } from "@kaidian/db/testing";
import type pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeWechatApi, type FakeWechatApi } from "../testing";
import { MiniProgramServerApi, WechatApiError, wechatApiSettings, wechatErrorMessage, type MiniProgramApp } from "./index";

let fake: FakeWechatApi;
let db: Database;
let otherProcessDb: Database;
let admin: pg.Client;
const masterKey = randomBytes(32);

beforeAll(async () => {
  fake = await startFakeWechatApi();
  db = testDatabase();
  otherProcessDb = testDatabase();
  admin = await superuser();
});
afterAll(async () => {
  await fake.close();
  await admin.end();
  await db.disconnect();
  await otherProcessDb.disconnect();
});

function serverApi(database: Database = db, options: { timeoutMs?: number; clockOffsetMs?: number } = {}) {
  return new MiniProgramServerApi({
    db: database,
    masterKey,
    settings: { baseUrl: fake.baseUrl, timeoutMs: options.timeoutMs ?? 10_000 },
    tokens: { now: () => Date.now() + (options.clockOffsetMs ?? 0) },
  });
}

/** A store with its own Mini Program registered at the fake WeChat. */
async function arrangeApp(): Promise<MiniProgramApp> {
  const { rows } = await admin.query<{ id: string }>(
    "INSERT INTO tenants (name, slug, template_id, updated_at) VALUES ('微信店', $1, 'ecommerce', now()) RETURNING id",
    [`wx-${randomUUID().slice(0, 8)}`],
  );
  const app = { tenantId: rows[0]!.id, appid: `wx${randomBytes(8).toString("hex")}`, appSecret: randomBytes(16).toString("hex") };
  fake.registerApp({ appid: app.appid, secret: app.appSecret, pages: ["pages/index/index", "pages/order/detail"] });
  return app;
}

const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error("expected a failure"); }, (error: unknown) => error as WechatApiError);

describe("code2Session", () => {
  let app: MiniProgramApp;
  beforeEach(async () => {
    app = await arrangeApp();
  });

  it("gives the shopper's openid and unionid for a wx.login code, once", async () => {
    const code = fake.issueLoginCode(app.appid, { openid: "oShopper123456", unionid: "uUnion123456" });
    const session = await serverApi().code2Session(app, code);
    expect(session).toEqual({ openid: "oShopper123456", unionid: "uUnion123456", sessionKey: expect.any(String) });
    expect((await failure(serverApi().code2Session(app, code))).kind).toBe("code.used");
  });

  it("refuses an unknown, expired or foreign code, and a wrong AppSecret, in words the merchant can act on", async () => {
    expect((await failure(serverApi().code2Session(app, "not-a-code"))).kind).toBe("code.invalid");
    const old = fake.issueLoginCode(app.appid, { openid: "oOld123456" });
    fake.advanceClock(5 * 60_000 + 1_000);
    expect((await failure(serverApi().code2Session(app, old))).kind).toBe("code.invalid");
    const other = await arrangeApp();
    expect((await failure(serverApi().code2Session(app, fake.issueLoginCode(other.appid, { openid: "oOther123456" })))).kind).toBe("code.invalid");
    const wrongSecret = await failure(serverApi().code2Session({ ...app, appSecret: "0".repeat(32) }, fake.issueLoginCode(app.appid, { openid: "oX123456" })));
    expect(wrongSecret.kind).toBe("app.invalidSecret");
    expect(wechatErrorMessage(wrongSecret.kind)).toContain("AppSecret 不正确");
    expect(wechatErrorMessage(wrongSecret.kind, "en")).toContain("AppSecret is wrong");
  });

  it("reports WeChat's rate limit, risk control and busy answers, and a dead connection, as typed failures", async () => {
    const code = () => fake.issueLoginCode(app.appid, { openid: "oFault123456" });
    fake.inject("/sns/jscode2session", { errcode: 45011 }, { appid: app.appid });
    expect(await failure(serverApi().code2Session(app, code()))).toMatchObject({ kind: "login.tooFrequent", transient: true, errcode: 45011 });
    fake.inject("/sns/jscode2session", { errcode: 40226 }, { appid: app.appid });
    expect(await failure(serverApi().code2Session(app, code()))).toMatchObject({ kind: "login.riskyUser", transient: false });
    fake.inject("/sns/jscode2session", { errcode: -1 }, { appid: app.appid });
    expect(await failure(serverApi().code2Session(app, code()))).toMatchObject({ kind: "wechat.busy", transient: true });
    fake.inject("/sns/jscode2session", "http-500", { appid: app.appid });
    expect(await failure(serverApi().code2Session(app, code()))).toMatchObject({ kind: "wechat.unavailable", transient: true });
    fake.inject("/sns/jscode2session", "reset", { appid: app.appid });
    expect(await failure(serverApi().code2Session(app, code()))).toMatchObject({ kind: "wechat.network", transient: true });
    fake.inject("/sns/jscode2session", "hang", { appid: app.appid });
    expect(await failure(serverApi(db, { timeoutMs: 1_000 }).code2Session(app, code()))).toMatchObject({ kind: "wechat.network", transient: true });
    // The code survives every failed attempt: WeChat never saw it used.
    expect((await serverApi().code2Session(app, fake.issueLoginCode(app.appid, { openid: "oAfter123456" }))).openid).toBe("oAfter123456");
  });
});

describe("the access token", () => {
  it("is fetched once, kept sealed in the database, and reused by every later call", async () => {
    const app = await arrangeApp();
    const first = await serverApi().accessTokens.get(app);
    const second = await serverApi().accessTokens.get(app);
    expect(second.token).toBe(first.token);
    expect(fake.tokenCalls(app.appid)).toBe(1);
    const { rows } = await admin.query<{ token_ciphertext: Buffer }>("SELECT token_ciphertext FROM wechat_access_tokens WHERE tenant_id = $1", [app.tenantId]);
    expect(rows[0]!.token_ciphertext.includes(Buffer.from(first.token))).toBe(false);
    expect(rows[0]!.token_ciphertext.includes(Buffer.from(first.token.slice(0, 12)))).toBe(false);
  });

  it("is fetched anew when the stored one was sealed under an earlier master key", async () => {
    const app = await arrangeApp();
    const before = await serverApi().accessTokens.get(app);
    const rotated = new MiniProgramServerApi({ db, masterKey: randomBytes(32), settings: { baseUrl: fake.baseUrl, timeoutMs: 10_000 } });
    const after = await rotated.accessTokens.get(app);
    expect(after.generation).toBe(before.generation + 1);
    expect(fake.tokenCalls(app.appid)).toBe(2);
  });

  it("is out of every other store's sight and reach", async () => {
    const app = await arrangeApp();
    const other = await arrangeApp();
    await serverApi().accessTokens.get(app);
    const seen = await db.scoped({ tenantId: other.tenantId }, (tx) =>
      tx.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM wechat_access_tokens WHERE appid = ${app.appid}`);
    expect(Number(seen[0]!.n)).toBe(0);
    const changed = await db.scoped({ tenantId: other.tenantId }, (tx) =>
      tx.$executeRaw`UPDATE wechat_access_tokens SET generation = generation + 7 WHERE appid = ${app.appid}`);
    expect(changed).toBe(0);
  });

  it("is shared by two processes asking at once: WeChat is asked once", async () => {
    const app = await arrangeApp();
    const processes = [serverApi(db), serverApi(otherProcessDb)];
    const tokens = await Promise.all(Array.from({ length: 12 }, (_, i) => processes[i % 2]!.accessTokens.get(app)));
    expect(new Set(tokens.map((t) => t.token)).size).toBe(1);
    expect(fake.tokenCalls(app.appid)).toBe(1);
  });

  it("is renewed once, by one of two processes, in its last minutes", async () => {
    const app = await arrangeApp();
    const first = await serverApi().accessTokens.get(app);
    // Two hours later for WeChat and for both processes: 4 minutes of the token left.
    const later = 7200_000 - 4 * 60_000;
    fake.advanceClock(later);
    try {
      const processes = [serverApi(db, { clockOffsetMs: later }), serverApi(otherProcessDb, { clockOffsetMs: later })];
      const renewed = await Promise.all(Array.from({ length: 8 }, (_, i) => processes[i % 2]!.accessTokens.get(app)));
      expect(new Set(renewed.map((t) => t.token)).size).toBe(1);
      expect(renewed[0]!.token).not.toBe(first.token);
      expect(fake.tokenCalls(app.appid)).toBe(2);
    } finally {
      fake.advanceClock(-later);
    }
  });

  it("refreshes once and retries when WeChat revoked it (40001), however many processes noticed", async () => {
    const app = await arrangeApp();
    const stale = await serverApi().accessTokens.get(app);
    // Someone else's force_refresh (the merchant's own tools) voids the stored token.
    const forced = await fetch(`${fake.baseUrl}/cgi-bin/stable_token`, {
      method: "POST",
      body: JSON.stringify({ grant_type: "client_credential", appid: app.appid, secret: app.appSecret, force_refresh: true }),
    }).then((r) => r.json() as Promise<{ access_token: string }>);
    expect(forced.access_token).not.toBe(stale.token);
    const callsBefore = fake.tokenCalls(app.appid);

    const processes = [serverApi(db), serverApi(otherProcessDb)];
    const phones = await Promise.all(
      processes.map((api, i) => api.getPhoneNumber(app, fake.issuePhoneCode(app.appid, { purePhoneNumber: `1380013800${i}` }))),
    );
    expect(phones.map((p) => p.purePhoneNumber)).toEqual(["13800138000", "13800138001"]);
    expect(fake.tokenCalls(app.appid)).toBe(callsBefore + 1);
    expect((await serverApi().accessTokens.get(app)).token).toBe(forced.access_token);
  });

  it("refreshes when WeChat says it expired (42001) before the stored expiry", async () => {
    const app = await arrangeApp();
    await serverApi().accessTokens.get(app);
    fake.advanceClock(7201_000);
    try {
      const phone = await serverApi().getPhoneNumber(app, fake.issuePhoneCode(app.appid, { purePhoneNumber: "13900139000" }));
      expect(phone.purePhoneNumber).toBe("13900139000");
      expect(fake.tokenCalls(app.appid)).toBe(2);
    } finally {
      fake.advanceClock(-7201_000);
    }
  });

  it("tries a refresh only once: a token refused again is a failure, with WeChat asked to void it", async () => {
    const app = await arrangeApp();
    await serverApi().accessTokens.get(app);
    fake.inject("/wxa/business/getuserphonenumber", { errcode: 40001 }, { times: 2 });
    const error = await failure(serverApi().getPhoneNumber(app, fake.issuePhoneCode(app.appid, { purePhoneNumber: "13700137000" })));
    expect(error.kind).toBe("token.invalid");
    // The plain refresh handed back the same token, so the second asked WeChat to force a new one.
    expect(fake.tokenCalls(app.appid)).toBe(3);
  });

  it("is refreshed by another process once the claim of a process that died mid-refresh lapses", async () => {
    const app = await arrangeApp();
    await admin.query(
      "INSERT INTO wechat_access_tokens (tenant_id, appid, generation, refreshing_until, updated_at) VALUES ($1, $2, 0, now() + interval '1 second', now())",
      [app.tenantId, app.appid],
    );
    const started = Date.now();
    const token = await serverApi().accessTokens.get(app);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(token.generation).toBe(1);
    expect(fake.tokenCalls(app.appid)).toBe(1);
  });

  it("says when the day's token quota is spent, and leaves no refresh claimed", async () => {
    const app = await arrangeApp();
    fake.setDailyTokenQuota(0);
    try {
      const error = await failure(serverApi().accessTokens.get(app));
      expect(error.kind).toBe("token.quotaSpent");
      expect(wechatErrorMessage(error.kind)).toContain("次数已用完");
    } finally {
      fake.setDailyTokenQuota(2000);
    }
    expect((await serverApi().accessTokens.get(app)).token).toEqual(expect.any(String));
  });
});

describe("getPhoneNumber", () => {
  it("gives the number granted to this Mini Program, once per code, with the country code for foreign numbers", async () => {
    const app = await arrangeApp();
    const code = fake.issuePhoneCode(app.appid, { purePhoneNumber: "61234567", countryCode: "852" });
    expect(await serverApi().getPhoneNumber(app, code)).toEqual({ phoneNumber: "+85261234567", purePhoneNumber: "61234567", countryCode: "852" });
    expect((await failure(serverApi().getPhoneNumber(app, code))).kind).toBe("code.used");
    expect((await failure(serverApi().getPhoneNumber(app, "forged"))).kind).toBe("code.invalid");
  });
});

describe("uploadShippingInfo", () => {
  it("uploads the tracking of a paid order, by out_trade_no or by transaction id", async () => {
    const app = await arrangeApp();
    const order = { appid: app.appid, mchid: "1900000109", outTradeNo: `KD${Date.now()}`, transactionId: `42000${Date.now()}`, openid: "oPayer123456" };
    fake.markOrderPaid(order);
    await serverApi().uploadShippingInfo(app, {
      order: { mchid: order.mchid, outTradeNo: order.outTradeNo },
      logistics: "express",
      shipments: [{ trackingNo: "SF1234567890", expressCompany: "SF", itemDesc: "草莓蛋糕*1", receiverContact: "138****0000" }],
      payerOpenid: order.openid,
      uploadedAt: new Date(),
    });
    await serverApi().uploadShippingInfo(app, { order: { transactionId: order.transactionId }, logistics: "pickup", shipments: [{ itemDesc: "草莓蛋糕*1" }], payerOpenid: order.openid, uploadedAt: new Date() });
    const uploads = fake.shippingUploads.filter((u) => u.order.outTradeNo === order.outTradeNo);
    expect(uploads.map((u) => u.body.logistics_type)).toEqual([1, 4]);
    expect(uploads[0]!.body.shipping_list).toEqual([{ tracking_no: "SF1234567890", express_company: "SF", item_desc: "草莓蛋糕*1", contact: { receiver_contact: "138****0000" } }]);
  });

  it("is refused for an order WeChat does not know as paid, or for another shopper", async () => {
    const app = await arrangeApp();
    const upload = { logistics: "virtual" as const, shipments: [{ itemDesc: "会员卡" }], payerOpenid: "oPayer123456", uploadedAt: new Date() };
    const unknown = await failure(serverApi().uploadShippingInfo(app, { ...upload, order: { mchid: "1900000109", outTradeNo: "KD-unpaid-1" } }));
    expect(unknown.kind).toBe("shipping.unknownOrder");
    expect(wechatErrorMessage(unknown.kind)).toContain("找不到这笔支付订单");
    fake.markOrderPaid({ appid: app.appid, mchid: "1900000109", outTradeNo: "KD-paid-2", transactionId: "4200002", openid: "oSomeoneElse1" });
    expect((await failure(serverApi().uploadShippingInfo(app, { ...upload, order: { transactionId: "4200002" } }))).kind).toBe("shipping.payerMismatch");
  });

  it("checks items and tracking before sending, as WeChat does when they reach it", async () => {
    const app = await arrangeApp();
    const base = { order: { transactionId: "4200003" }, payerOpenid: "oPayer123456", uploadedAt: new Date() };
    await expect(serverApi().uploadShippingInfo(app, { ...base, logistics: "express", shipments: [{ itemDesc: "书" }] })).rejects.toThrow("shipping.tracking.required");
    await expect(serverApi().uploadShippingInfo(app, { ...base, logistics: "pickup", shipments: Array.from({ length: 16 }, () => ({ itemDesc: "书" })) })).rejects.toThrow("shipping.shipments.tooMany");
    // The same mistakes sent straight to WeChat: data format errors.
    fake.markOrderPaid({ appid: app.appid, mchid: "1900000109", outTradeNo: "KD-raw-3", transactionId: "4200003", openid: "oPayer123456" });
    const token = (await serverApi().accessTokens.get(app)).token;
    const send = (body: object) =>
      fetch(`${fake.baseUrl}/wxa/sec/order/upload_shipping_info?access_token=${token}`, { method: "POST", body: JSON.stringify(body) }).then((r) => r.json() as Promise<{ errcode: number }>);
    const raw = { order_key: { order_number_type: 2, transaction_id: "4200003" }, delivery_mode: 1, upload_time: new Date().toISOString(), payer: { openid: "oPayer123456" } };
    expect((await send({ ...raw, logistics_type: 1, shipping_list: [{ item_desc: "书" }] })).errcode).toBe(47001);
    expect((await send({ ...raw, logistics_type: 4, shipping_list: [] })).errcode).toBe(47001);
    expect((await send({ ...raw, logistics_type: 4, shipping_list: [{ item_desc: "书" }] })).errcode).toBe(0);
    expect((await send({ ...raw, order_key: { order_number_type: 1, mchid: "1900000109", out_trade_no: "KD-raw-other" }, logistics_type: 4, shipping_list: [{ item_desc: "书" }] })).errcode).toBe(10060001);
  });
});

describe("sendSubscribeMessage", () => {
  it("sends one message per accept, and reports a shopper who has not accepted as refused", async () => {
    const app = await arrangeApp();
    fake.registerTemplate({ appid: app.appid, templateId: "TPL-paid", keywords: ["thing1", "amount2", "character_string3"] });
    const message = { toOpenid: "oShopper123456", templateId: "TPL-paid", page: "pages/order/detail?id=1", data: { thing1: "草莓蛋糕", amount2: "¥25.00", character_string3: "KD20261203001" } };
    expect(await serverApi().sendSubscribeMessage(app, message)).toEqual({ sent: false, reason: "refused" });
    fake.acceptSubscription(app.appid, "oShopper123456", "TPL-paid");
    expect(await serverApi().sendSubscribeMessage(app, message)).toEqual({ sent: true });
    expect(await serverApi().sendSubscribeMessage(app, message)).toEqual({ sent: false, reason: "refused" });
    expect(fake.sentMessages.filter((m) => m.appid === app.appid)).toEqual([{ appid: app.appid, touser: "oShopper123456", templateId: "TPL-paid", page: "pages/order/detail?id=1", data: message.data }]);
  });

  it("is refused for values beyond the template's limits, an unknown template or page, without spending the accept", async () => {
    const app = await arrangeApp();
    fake.registerTemplate({ appid: app.appid, templateId: "TPL-ship", keywords: ["thing1", "phrase2"] });
    fake.acceptSubscription(app.appid, "oShopper123456", "TPL-ship");
    const base = { toOpenid: "oShopper123456", templateId: "TPL-ship", data: { thing1: "您的订单已发货", phrase2: "已发货" } };
    const tooLong = await failure(serverApi().sendSubscribeMessage(app, { ...base, data: { ...base.data, thing1: "这是一条超过二十个字的商品名称说明文字内容啊" } }));
    expect(tooLong.kind).toBe("subscribe.badData");
    expect((await failure(serverApi().sendSubscribeMessage(app, { ...base, data: { ...base.data, phrase2: "shipped" } }))).kind).toBe("subscribe.badData");
    expect((await failure(serverApi().sendSubscribeMessage(app, { ...base, templateId: "TPL-none" }))).kind).toBe("subscribe.badTemplate");
    expect((await failure(serverApi().sendSubscribeMessage(app, { ...base, page: "pages/nowhere/index" }))).kind).toBe("subscribe.badPage");
    expect(await serverApi().sendSubscribeMessage(app, base)).toEqual({ sent: true });
  });
});

describe("the connection to WeChat", () => {
  it("defaults to WeChat's host and takes another base URL", () => {
    expect(wechatApiSettings({})).toEqual({ baseUrl: "https://api.weixin.qq.com", timeoutMs: 10_000 });
    expect(wechatApiSettings({ WECHAT_API_BASE: fake.baseUrl, WECHAT_API_TIMEOUT_MS: "3000" })).toEqual({ baseUrl: fake.baseUrl, timeoutMs: 3_000 });
    expect(() => wechatApiSettings({ WECHAT_API_BASE: "api.weixin.qq.com" })).toThrow("WECHAT_API_BASE");
  });
});
