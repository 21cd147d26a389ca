// Coupons over real HTTP: claiming from the store's live list, checkout offering the best coupon and discounting in
// the server's pricing, the coupon used atomically with placing the order, and given back when the order is cancelled.
import { randomUUID } from "node:crypto";
import type { CouponInputDraft } from "@kaidian/coupons";
import { createCoupon } from "@kaidian/coupons/server";
import { changeOrder } from "@kaidian/orders/server";
import type { Database } from "@kaidian/db";
import { superuser, testDatabase, testDatabaseUrl } from "@kaidian/db/testing";
import { arrangeProduct, arrangeTradingStore, type TradingStore } from "@kaidian/orders/testing";
import { arrangeServiceProvider, type FakeWechatPay, startFakeWechatPay, type TestServiceProvider } from "@kaidian/payments/testing";
import { type FakeWechatApi, startFakeWechatApi } from "@kaidian/wechat/testing";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningShopApi, startShopApi } from "./testing";

let api: RunningShopApi;
let fake: FakeWechatApi;
let pay: FakeWechatPay;
let serviceProvider: TestServiceProvider;
let db: Database;
let admin: pg.Client;
let shop: TradingStore;

beforeAll(async () => {
  fake = await startFakeWechatApi();
  pay = await startFakeWechatPay();
  serviceProvider = await arrangeServiceProvider(pay);
  api = await startShopApi(testDatabaseUrl(), { WECHAT_API_BASE: fake.baseUrl, ...serviceProvider.env });
  db = testDatabase();
  admin = await superuser();
  shop = await arrangeTradingStore(db, { name: "优惠小铺", masterKey: api.masterKey, registerApp: (app) => fake.registerApp(app), serviceProvider });
});

afterAll(async () => {
  await api.close();
  await fake.close();
  await pay.close();
  await serviceProvider.dispose();
  await admin.end();
  await db.disconnect();
});

type Call = { token?: string; body?: unknown; headers?: Record<string, string> };

async function call(method: string, path: string, { token, body, headers = {} }: Call = {}) {
  const answer = await fetch(`${api.url}/api/mp/v1/${shop.tenantId}/${path}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await answer.text();
  return { status: answer.status, body: text ? JSON.parse(text) : null };
}

async function login(): Promise<string> {
  const code = fake.issueLoginCode(shop.appid, { openid: `o${randomUUID()}` });
  return (await call("POST", "session", { body: { code } })).body.token;
}

async function arrangeCoupon(input: Partial<CouponInputDraft>): Promise<string> {
  const base: CouponInputDraft = { name: "券", discount: { kind: "amount", amountFen: 500 }, validity: { kind: "days", days: 7 }, totalQuantity: 100, scope: { kind: "all" } };
  const created = await db.scoped({ tenantId: shop.tenantId }, (tx) => createCoupon(tx, shop.tenantId, { ...base, ...input }));
  if (!created.ok) throw new Error(JSON.stringify(created.refusal));
  return created.id;
}

const delivery = { method: "express", address: { name: "王小明", phone: "13800000000", province: "浙江省", city: "杭州市", district: "西湖区", detail: "文三路 1 号" } };
const orderOf = (item: { id: string; options: string[][] }, priceFen: number, coupon?: string | null) => ({
  lines: [{ itemId: item.id, skuOptions: item.options[0], quantity: 1, seenUnitPriceFen: priceFen }],
  delivery,
  ...(coupon === undefined ? {} : { coupon }),
});
const place = (token: string, body: unknown) => call("POST", "orders", { token, body, headers: { "Idempotency-Key": randomUUID() } });

/** The shopper's coupons held (id → status), as 我的 shows them. */
async function mine(token: string): Promise<Record<string, string>> {
  const { body } = await call("GET", "me/coupons", { token });
  return Object.fromEntries(body.coupons.map((coupon: { id: string; status: string }) => [coupon.id, coupon.status]));
}

describe("claiming from the store's live coupons", () => {
  it("lists what can be claimed, claims on the server, and holds the per-shopper limit", async () => {
    const couponId = await arrangeCoupon({ name: "新客立减", thresholdFen: 5_000, perShopperLimit: 1 });
    const listed = await call("GET", "coupons");
    expect(listed.body.coupons.find((coupon: { id: string }) => coupon.id === couponId)).toMatchObject({
      name: "新客立减",
      discountText: "¥5",
      thresholdText: "满50元可用",
      left: 100,
      claimedByMe: 0,
      canClaim: true,
      validity: { kind: "days", days: 7 },
    });
    const token = await login();
    const claimed = await call("POST", `coupons/${couponId}/claim`, { token });
    expect(claimed.status).toBe(201);
    expect(claimed.body.coupon).toMatchObject({ name: "新客立减", status: "usable" });
    const again = await call("POST", `coupons/${couponId}/claim`, { token });
    expect([again.status, again.body.error]).toEqual([409, { code: "coupon.limit", message: "你已领满这张优惠券的限领数量。" }]);
    const seen = await call("GET", "coupons", { token });
    expect(seen.body.coupons.find((coupon: { id: string }) => coupon.id === couponId)).toMatchObject({ left: 99, claimedByMe: 1, canClaim: false });
    expect(Object.values(await mine(token))).toEqual(["usable"]);
    const missing = await call("POST", `coupons/${randomUUID()}/claim`, { token, headers: { "Accept-Language": "en" } });
    expect([missing.status, missing.body.error.message]).toEqual([404, "This coupon was not found."]);
  });
});

describe("checkout with coupons", () => {
  it("offers the best coupon, lets the shopper choose another or none, and charges what the server computed", async () => {
    const item = await arrangeProduct(db, shop.tenantId, { title: "手冲壶", priceFen: 12_900, stock: 10 });
    const token = await login();
    const five = (await call("POST", `coupons/${await arrangeCoupon({ name: "立减5元" })}/claim`, { token })).body.coupon.id;
    const tenth = (await call("POST", `coupons/${await arrangeCoupon({ name: "九折券", discount: { kind: "percent", percentOff: 10 } })}/claim`, { token })).body.coupon.id;
    const far = (await call("POST", `coupons/${await arrangeCoupon({ name: "满500减50", discount: { kind: "amount", amountFen: 5_000 }, thresholdFen: 50_000 })}/claim`, { token })).body.coupon.id;

    const best = await call("POST", "orders/quote", { token, body: orderOf(item, 12_900) });
    expect(best.body).toMatchObject({ subtotalFen: 12_900, discountFen: 1_290, totalFen: 11_610, coupon: tenth });
    expect(best.body.coupons.map((offer: { id: string; usable: boolean; discountFen: number }) => [offer.id, offer.usable, offer.discountFen])).toEqual([
      [tenth, true, 1_290],
      [five, true, 500],
      [far, false, 0],
    ]);
    expect(best.body.coupons[2].message).toContain("满 500 元");
    const chosen = await call("POST", "orders/quote", { token, body: orderOf(item, 12_900, five) });
    expect(chosen.body).toMatchObject({ discountFen: 500, totalFen: 12_400, coupon: five });
    const none = await call("POST", "orders/quote", { token, body: orderOf(item, 12_900, null) });
    expect(none.body).toMatchObject({ discountFen: 0, totalFen: 12_900, coupon: null });
    const tooSmall = await call("POST", "orders/quote", { token, body: orderOf(item, 12_900, far) });
    expect([tooSmall.status, tooSmall.body.error.refusals[0].code]).toEqual([409, "couponUnusable"]);

    const placed = await place(token, orderOf(item, 12_900, five));
    expect(placed.status).toBe(201);
    expect(placed.body.order).toMatchObject({ subtotalFen: 12_900, discountFen: 500, totalFen: 12_400 });
    const { rows } = await admin.query("SELECT total_fen, discount_fen, shopper_coupon_id FROM orders WHERE id = $1", [placed.body.order.id]);
    expect(rows).toEqual([{ total_fen: 12_400, discount_fen: 500, shopper_coupon_id: five }]);
    expect((await mine(token))[five]).toBe("used");
    // Left out, the coupon is the best one, as the quote said.
    const byDefault = await place(token, orderOf(item, 12_900));
    expect(byDefault.body.order).toMatchObject({ discountFen: 1_290, totalFen: 11_610 });
  });

  it("refuses a used or expired coupon with a clear message and writes nothing", async () => {
    const item = await arrangeProduct(db, shop.tenantId, { title: "茶杯", priceFen: 3_000, stock: 10 });
    const token = await login();
    const coupon = (await call("POST", `coupons/${await arrangeCoupon({ name: "立减5元" })}/claim`, { token })).body.coupon.id;
    expect((await place(token, orderOf(item, 3_000, coupon))).status).toBe(201);
    const orders = async () => (await call("GET", "orders", { token })).body.orders.length;
    const stock = async () => (await call("GET", `items/${item.id}/stock`)).body.skus[0].stock;
    const [ordersBefore, stockBefore] = [await orders(), await stock()];

    const used = await place(token, orderOf(item, 3_000, coupon));
    expect([used.status, used.body.error.refusals[0]]).toEqual([409, expect.objectContaining({ code: "couponUnusable", reason: "used" })]);
    expect(used.body.error.message).toBe("这张优惠券已用在另一笔订单上。请换一张券或不用券。");

    const late = (await call("POST", `coupons/${await arrangeCoupon({ name: "快过期" })}/claim`, { token })).body.coupon.id;
    await admin.query("UPDATE shopper_coupons SET valid_until = now() - interval '1 minute' WHERE id = $1", [late]);
    const expired = await place(token, orderOf(item, 3_000, late));
    expect([expired.status, expired.body.error.refusals[0].reason]).toEqual([409, "expired"]);
    expect([await orders(), await stock()]).toEqual([ordersBefore, stockBefore]);
  });

  it("uses a coupon raced onto two orders on exactly one of them; the other is refused and nothing of it is written", async () => {
    const item = await arrangeProduct(db, shop.tenantId, { title: "限量杯", priceFen: 3_900, stock: 10 });
    const token = await login();
    const coupon = (await call("POST", `coupons/${await arrangeCoupon({ name: "抢用券" })}/claim`, { token })).body.coupon.id;
    const answers = await Promise.all(Array.from({ length: 6 }, () => place(token, orderOf(item, 3_900, coupon))));
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const { rows } = await admin.query("SELECT count(*)::int AS orders FROM orders WHERE shopper_coupon_id = $1", [coupon]);
    expect(rows).toEqual([{ orders: 1 }]);
    expect((await call("GET", `items/${item.id}/stock`)).body.skus[0].stock).toBe(9);
  });

  it("gives the coupon back when the order is cancelled, recording the cancellation, and it can be used again", async () => {
    const item = await arrangeProduct(db, shop.tenantId, { title: "茶叶", priceFen: 6_800, stock: 10 });
    const token = await login();
    const coupon = (await call("POST", `coupons/${await arrangeCoupon({ name: "回来券" })}/claim`, { token })).body.coupon.id;
    const first = await place(token, orderOf(item, 6_800, coupon));
    expect((await mine(token))[coupon]).toBe("used");
    const cancelled = await call("POST", `orders/${first.body.order.id}/actions`, { token, body: { action: "cancel" } });
    expect(cancelled.body.events.map((event: { action: string }) => event.action)).toEqual(["place", "cancel"]);
    expect((await mine(token))[coupon]).toBe("usable");
    const second = await place(token, orderOf(item, 6_800, coupon));
    // The coupon takes off the goods, not the delivery fee (under ¥99 ships for ¥10).
    expect(second.body.order).toMatchObject({ subtotalFen: 6_800, deliveryFeeFen: 1_000, discountFen: 500, totalFen: 7_300 });
  });

  it("gives the coupon back when the order expires unpaid", async () => {
    const item = await arrangeProduct(db, shop.tenantId, { title: "过期单", priceFen: 2_000, stock: 10 });
    const token = await login();
    const coupon = (await call("POST", `coupons/${await arrangeCoupon({ name: "超时券" })}/claim`, { token })).body.coupon.id;
    const placed = await place(token, orderOf(item, 2_000, coupon));
    // As the order timers do when the time to pay runs out.
    const expired = await db.scoped({ tenantId: shop.tenantId }, (tx) => changeOrder(tx, { orderId: placed.body.order.id, command: { action: "expire" }, actor: { role: "system", id: null } }));
    expect(expired.ok && expired.order.events.map((event) => event.action)).toEqual(["place", "expire"]);
    expect((await mine(token))[coupon]).toBe("usable");
  });
});
