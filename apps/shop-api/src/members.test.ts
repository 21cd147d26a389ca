// Membership over real HTTP: joining with the getPhoneNumber code, the card and its signed code, the level's
// discount and points at checkout computed by the server, points earned when the order is paid and taken back in
// proportion on refunds, two checkouts racing for the same points (exactly one wins), and the coupon of a fully
// refunded order coming back.
import { randomUUID } from "node:crypto";
import { createCoupon } from "@kaidian/coupons/server";
import type { Database } from "@kaidian/db";
import { superuser, testDatabase, testDatabaseUrl } from "@kaidian/db/testing";
import { memberByCode, saveMemberRules } from "@kaidian/members/server";
import { changeOrder } from "@kaidian/orders/server";
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

const RULES = {
  pointsEnabled: true,
  pointsPerYuan: 1,
  pointsPerYuanOff: 100,
  maxPointsPercent: 50,
  levels: [
    { name: "普通会员", minSpendFen: 0, percentOff: 0 },
    { name: "银卡", minSpendFen: 10_000, percentOff: 5 },
  ],
};

beforeAll(async () => {
  fake = await startFakeWechatApi();
  pay = await startFakeWechatPay();
  serviceProvider = await arrangeServiceProvider(pay);
  api = await startShopApi(testDatabaseUrl(), { WECHAT_API_BASE: fake.baseUrl, ...serviceProvider.env });
  db = testDatabase();
  admin = await superuser();
  shop = await arrangeTradingStore(db, { name: "会员小铺", masterKey: api.masterKey, registerApp: (app) => fake.registerApp(app), serviceProvider });
  const saved = await db.scoped({ tenantId: shop.tenantId }, (tx) => saveMemberRules(tx, shop.tenantId, RULES));
  if (!saved.ok) throw new Error(JSON.stringify(saved.issues));
}, 120_000);

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

/** A shopper who joined with a phone number. */
async function member(phone = "13800138000"): Promise<string> {
  const token = await login();
  const joined = await call("POST", "me/member", { token, body: { code: fake.issuePhoneCode(shop.appid, { purePhoneNumber: phone }) } });
  if (joined.status !== 201) throw new Error(JSON.stringify(joined.body));
  return token;
}

const delivery = { method: "express", address: { name: "王小明", phone: "13800000000", province: "浙江省", city: "杭州市", district: "西湖区", detail: "文三路 1 号" } };
const orderOf = (item: { id: string; options: string[][] }, priceFen: number, extra: Record<string, unknown> = {}) => ({
  lines: [{ itemId: item.id, skuOptions: item.options[0], quantity: 1, seenUnitPriceFen: priceFen }],
  delivery,
  coupon: null,
  ...extra,
});
const place = (token: string, body: unknown) => call("POST", "orders", { token, body, headers: { "Idempotency-Key": randomUUID() } });

const staff = { role: "merchantStaff" as const, id: null };
const act = (orderId: string, command: Parameters<typeof changeOrder>[1]["command"], actor: Parameters<typeof changeOrder>[1]["actor"] = staff) =>
  db.scoped({ tenantId: shop.tenantId }, async (tx) => {
    const changed = await changeOrder(tx, { orderId, command, actor });
    if (!changed.ok) throw new Error(JSON.stringify(changed));
    return changed.order;
  });
/** Paid as WeChat Pay's notification records it: the lifecycle's pay, in its own transaction. */
const paid = (orderId: string, amountFen: number) => act(orderId, { action: "pay", amountFen }, { role: "paymentNotification", id: null });

async function ledger(token: string) {
  const { body } = await call("GET", "me/member", { token });
  const { rows } = await admin.query(
    `SELECT e.change, e.balance, e.reason FROM point_entries e JOIN members m ON m.tenant_id = e.tenant_id AND m.id = e.member_id
     WHERE m.tenant_id = $1 AND m.number = $2 ORDER BY e.at, e.balance`,
    [shop.tenantId, Number(body.member.number)],
  );
  return { card: body.member, entries: rows.map((row) => [row.change, row.balance, row.reason]) };
}

describe("joining and the card", () => {
  it("joins with the phone number, shows the card, and gives a code that opens this member only while fresh", async () => {
    const token = await login();
    expect((await call("GET", "me/member", { token })).body).toEqual({ member: null });
    const notYet = await call("GET", "me/member/code", { token });
    expect([notYet.status, notYet.body.error.code, notYet.body.error.message]).toEqual([404, "member.notMember", "还不是本店会员"]);
    const joined = await call("POST", "me/member", { token, body: { code: fake.issuePhoneCode(shop.appid, { purePhoneNumber: "13912345678" }) } });
    expect(joined.status).toBe(201);
    expect(joined.body.member).toMatchObject({ phone: "139****5678", level: { name: "普通会员", percentOff: 0 }, nextLevel: { name: "银卡", leftFen: 10_000 }, points: 0, pointsEnabled: true });
    expect(joined.body.member.number).toMatch(/^\d{8}$/);
    // Joining again is the same card.
    const again = await call("POST", "me/member", { token, body: {} });
    expect([again.status, again.body.member.number]).toEqual([200, joined.body.member.number]);

    const card = await call("GET", "me/member/code", { token });
    expect(card.status).toBe(200);
    expect(card.body.qr).toMatch(/^data:image\/png;base64,/);
    expect(card.body.refreshSeconds).toBeLessThan((new Date(card.body.expiresAt).getTime() - Date.now()) / 1000);
    // What the phone gets never carries the key: only the code, and the code alone cannot be re-signed.
    expect(JSON.stringify(card.body)).not.toMatch(/key|secret/i);
    const opened = await db.scoped({ tenantId: shop.tenantId }, (tx) => memberByCode(tx, shop.tenantId, card.body.code, api.masterKey));
    expect(opened.ok).toBe(true);
    const stale = new Date(Date.now() + 10 * 60_000);
    expect(await db.scoped({ tenantId: shop.tenantId }, (tx) => memberByCode(tx, shop.tenantId, card.body.code, api.masterKey, stale))).toEqual({ ok: false, refusal: "codeExpired" });
  });

  it("refuses to join without a phone number", async () => {
    const token = await login();
    const refused = await call("POST", "me/member", { token, body: {}, headers: { "Accept-Language": "en" } });
    expect([refused.status, refused.body.error]).toEqual([409, { code: "member.noPhone", message: "Share a phone number first" }]);
  });
});

describe("points and levels through orders", () => {
  it("earns on payment, reaches the next level, takes its discount and points at checkout, and gives back in proportion on refunds", async () => {
    const token = await member();
    const item = await arrangeProduct(db, shop.tenantId, { title: "单品咖啡豆", priceFen: 12_345, stock: 20 });

    // Not yet 银卡: no level discount, no points to use.
    const first = await place(token, orderOf(item, 12_345));
    expect(first.body.order).toMatchObject({ levelDiscountFen: 0, pointsUsed: 0, totalFen: 12_345 });
    await paid(first.body.order.id, 12_345);
    let now = await ledger(token);
    expect(now.card).toMatchObject({ points: 123, spentFen: 12_345, level: { name: "银卡" } });
    expect(now.entries).toEqual([[123, 123, "earned"]]);

    // 银卡 takes 5% off the goods (617 fen); 123 points are worth ¥1.23, within half of what is left.
    const quote = await call("POST", "orders/quote", { token, body: orderOf(item, 12_345, { usePoints: true }) });
    expect(quote.body).toMatchObject({ subtotalFen: 12_345, levelDiscountFen: 617, pointsUsed: 123, pointsDiscountFen: 123, totalFen: 12_345 - 617 - 123, member: { level: "银卡", pointsAvailable: 123 } });
    const second = await place(token, orderOf(item, 12_345, { usePoints: true, seenPointsUsed: 123 }));
    expect(second.body.order).toMatchObject({ levelDiscountFen: 617, pointsUsed: 123, pointsDiscountFen: 123, totalFen: 11_605 });
    const { rows } = await admin.query("SELECT total_fen, level_discount_fen, points_used, points_discount_fen FROM orders WHERE id = $1", [second.body.order.id]);
    expect(rows).toEqual([{ total_fen: 11_605, level_discount_fen: 617, points_used: 123, points_discount_fen: 123 }]);
    expect((await ledger(token)).entries).toEqual([[123, 123, "earned"], [-123, 0, "redeemed"]]);

    await paid(second.body.order.id, 11_605);
    // 116 points for ¥116.05; then a refund of 40% takes back 46 earned and gives back 49 redeemed.
    await act(second.body.order.id, { action: "refund", amountFen: 4_642, reason: "少发一件" });
    now = await ledger(token);
    expect(now.entries).toEqual([[123, 123, "earned"], [-123, 0, "redeemed"], [116, 116, "earned"], [-46, 70, "reversed"], [49, 119, "returned"]]);
    // The rest: everything earned is taken back and everything redeemed returned, exactly.
    await act(second.body.order.id, { action: "refund", amountFen: 11_605 - 4_642, reason: "全部退款" });
    now = await ledger(token);
    expect(now.entries.slice(5)).toEqual([[-70, 49, "reversed"], [74, 123, "returned"]]);
    expect(now.card).toMatchObject({ points: 123, spentFen: 12_345 });
  }, 120_000);

  it("lets exactly one of two checkouts spending the same points go through", async () => {
    const token = await member();
    const item = await arrangeProduct(db, shop.tenantId, { title: "挂耳咖啡", priceFen: 10_000, stock: 20 });
    const earning = await place(token, orderOf(item, 10_000));
    await paid(earning.body.order.id, 10_000);
    const racing = await Promise.all(Array.from({ length: 6 }, () => place(token, orderOf(item, 10_000, { usePoints: true, seenPointsUsed: 100 }))));
    const placed = racing.filter((answer) => answer.status === 201);
    expect(placed).toHaveLength(1);
    expect(placed[0]!.body.order.pointsUsed).toBe(100);
    const refused = racing.filter((answer) => answer.status !== 201);
    expect(refused.map((answer) => [answer.status, answer.body.error.refusals[0].code])).toEqual(Array.from({ length: 5 }, () => [409, "pointsShort"]));
    const now = await ledger(token);
    expect(now.card.points).toBe(0);
    expect(now.entries).toEqual([[100, 100, "earned"], [-100, 0, "redeemed"]]);
    // Without what the shopper saw, a checkout finding no points left places the order at its full price.
    const without = await place(token, orderOf(item, 10_000, { usePoints: true }));
    // ¥100 spent made this member 银卡: 5% off.
    expect(without.body.order).toMatchObject({ levelDiscountFen: 500, pointsUsed: 0, totalFen: 9_500 });
    // Cancelling the unpaid order gives the points back.
    await act(placed[0]!.body.order.id, { action: "cancel", reason: "不要了" }, { role: "shopper", id: null });
    expect((await ledger(token)).entries.at(-1)).toEqual([100, 100, "returned"]);
  }, 120_000);
});

describe("a coupon on a refunded order", () => {
  it("comes back when the paid order is refunded in full, not on a partial refund", async () => {
    const token = await login();
    const item = await arrangeProduct(db, shop.tenantId, { title: "滤杯", priceFen: 8_000, stock: 5 });
    const created = await db.scoped({ tenantId: shop.tenantId }, (tx) =>
      createCoupon(tx, shop.tenantId, { name: "立减10元", discount: { kind: "amount", amountFen: 1_000 }, validity: { kind: "days", days: 7 }, totalQuantity: 10, scope: { kind: "all" } }),
    );
    const held = (await call("POST", `coupons/${created.ok ? created.id : ""}/claim`, { token })).body.coupon.id;
    const order = (await place(token, orderOf(item, 8_000, { coupon: held }))).body.order;
    // ¥80 + ¥10 delivery - ¥10 coupon.
    expect(order).toMatchObject({ subtotalFen: 8_000, deliveryFeeFen: 1_000, discountFen: 1_000, totalFen: 8_000 });
    await paid(order.id, 8_000);
    const status = async () => Object.fromEntries((await call("GET", "me/coupons", { token })).body.coupons.map((coupon: { id: string; status: string }) => [coupon.id, coupon.status]))[held];
    await act(order.id, { action: "refund", amountFen: 3_000, reason: "部分退款" });
    expect(await status()).toBe("used");
    await act(order.id, { action: "refund", amountFen: 5_000, reason: "全部退款" });
    expect(await status()).toBe("usable");
  }, 120_000);
});
