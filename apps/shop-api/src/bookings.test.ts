// Hotel bookings over real HTTP: a real shop-api on the real database, shoppers logged in at the fake WeChat, paying
// and refunded through the fake WeChat Pay, whose notifications reach this shop-api.
import { randomUUID } from "node:crypto";
import type { Cancellation } from "@kaidian/catalog";
import type { Database } from "@kaidian/db";
import { freePort, superuser, testDatabase, testDatabaseUrl } from "@kaidian/db/testing";
import { addStayDays, shanghaiToday } from "@kaidian/orders";
import { changeOrder, paymentDepsFromEnv, recordRefund, retryDueRefunds } from "@kaidian/orders/server";
import { arrangeTradingStore, type TradingStore } from "@kaidian/orders/testing";
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
let rival: TradingStore;

beforeAll(async () => {
  fake = await startFakeWechatApi();
  pay = await startFakeWechatPay();
  serviceProvider = await arrangeServiceProvider(pay);
  // WeChat Pay posts its notifications to this shop-api's own address.
  const port = await freePort();
  api = await startShopApi(testDatabaseUrl(), {
    WECHAT_API_BASE: fake.baseUrl,
    SHOP_API_PORT: String(port),
    SHOP_API_PUBLIC_URL: `http://127.0.0.1:${port}`,
    ...serviceProvider.env,
  });
  db = testDatabase();
  admin = await superuser();
  const registerApp = (app: { appid: string; secret: string }) => fake.registerApp(app);
  shop = await arrangeTradingStore(db, { name: "湖畔民宿", masterKey: api.masterKey, registerApp, serviceProvider });
  rival = await arrangeTradingStore(db, { name: "对岸客栈", masterKey: api.masterKey, registerApp, serviceProvider });
}, 120_000);

afterAll(async () => {
  await api?.close();
  await fake?.close();
  await pay?.close();
  await serviceProvider?.dispose();
  await admin?.end();
  await db?.disconnect();
});

type Call = { token?: string; body?: unknown; headers?: Record<string, string> };

async function call(method: string, path: string, { token, body, headers = {} }: Call = {}) {
  const answer = await fetch(`${api.url}/api/mp/v1/${path}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await answer.text();
  return { status: answer.status, headers: answer.headers, body: text ? JSON.parse(text) : null };
}

async function login(store: TradingStore) {
  const code = fake.issueLoginCode(store.appid, { openid: `o${randomUUID()}` });
  const answer = await call("POST", `${store.tenantId}/session`, { body: { code } });
  expect(answer.status).toBe(200);
  return answer.body as { token: string; shopper: { id: string } };
}

/** A visible room type of `rooms` rooms at `priceFen` a night, with this cancellation policy. */
async function arrangeRoom(store: TradingStore, room: { title: string; priceFen: number; rooms: number; cancellation: Cancellation }) {
  const { id } = await db.scoped({ tenantId: store.tenantId }, (tx) =>
    tx.catalogItem.create({
      data: { tenantId: store.tenantId, kind: "ROOM", title: room.title, priceFen: room.priceFen, details: { capacity: 2, rooms: room.rooms, cancellation: room.cancellation } },
      select: { id: true },
    }),
  );
  return id;
}

const today = () => shanghaiToday(new Date());
const stay = (itemId: string, inDays: number, nights: number, extra: Record<string, unknown> = {}) => ({
  itemId,
  checkIn: addStayDays(today(), inDays),
  checkOut: addStayDays(today(), inDays + nights),
  guests: 2,
  guestName: "张三",
  guestPhone: "13800138000",
  ...extra,
});
const book = (store: TradingStore, token: string, body: unknown, key: string = randomUUID()) =>
  call("POST", `${store.tenantId}/bookings`, { token, body, headers: { "Idempotency-Key": key } });

async function nightRow(itemId: string, date: string) {
  const { rows } = await admin.query("SELECT available, held, sold FROM room_nights WHERE item_id = $1 AND date = $2::date", [itemId, date]);
  return rows[0] as { available: number; held: number; sold: number } | undefined;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (let pause = 20; ; pause = Math.min(pause * 2, 500)) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/** Books and pays through the fake WeChat Pay; its notification reaches shop-api. Returns the paid booking. */
async function bookAndPay(store: TradingStore, token: string, body: Record<string, unknown>) {
  const placed = await book(store, token, body);
  expect(placed.status, JSON.stringify(placed.body)).toBe(201);
  const orderId = placed.body.order.id as string;
  const { rows } = await admin.query("SELECT payment_no FROM orders WHERE id = $1", [orderId]);
  pay.pay(rows[0].payment_no, { requestPayment: placed.body.payment });
  return until(() => call("GET", `${store.tenantId}/bookings/${orderId}`, { token }), (answer) => answer.body.order.status === "paid", "the payment notification");
}

describe("booking a stay", () => {
  it("quotes each night's rate and rooms left, books it (idempotent by key) and holds the room on every night", async () => {
    const itemId = await arrangeRoom(shop, { title: "湖景大床房", priceFen: 38_800, rooms: 2, cancellation: { kind: "free", hoursBefore: 24 } });
    const { token } = await login(shop);
    const body = stay(itemId, 5, 2);
    await db.scoped({ tenantId: shop.tenantId }, (tx) => tx.roomNight.create({ data: { tenantId: shop.tenantId, itemId, date: new Date(`${body.checkIn}T00:00:00Z`), rateFen: 48_800, available: 2 } }));
    const nights = await call("GET", `${shop.tenantId}/bookings/nights?itemId=${itemId}&checkIn=${body.checkIn}&checkOut=${body.checkOut}`, { token });
    expect(nights.body).toMatchObject({
      nights: [{ date: body.checkIn, rateFen: 48_800, left: 2, closed: false }, { date: addStayDays(body.checkIn, 1), rateFen: 38_800, left: 2, closed: false }],
      totalFen: 87_600,
      cancellationText: "入住日结束前 1 天可免费取消，之后不退款",
    });
    const stale = await book(shop, token, { ...body, seenTotalFen: 77_600 });
    expect([stale.status, stale.body.error.refusals[0]]).toEqual([409, expect.objectContaining({ code: "totalChanged", currentFen: 87_600 })]);

    const key = randomUUID();
    const placed = await book(shop, token, { ...body, seenTotalFen: 87_600 }, key);
    expect(placed.status).toBe(201);
    expect(placed.body.order).toMatchObject({ status: "pendingPayment", statusName: "待付款", delivery: "stay", totalFen: 87_600, lines: [{ title: "湖景大床房", quantity: 1, lineTotalFen: 87_600 }] });
    expect(placed.body.payment).toMatchObject({ package: expect.stringMatching(/^prepay_id=/) });
    const again = await book(shop, token, { ...body, seenTotalFen: 87_600 }, key);
    expect([again.status, again.headers.get("idempotent-replayed"), again.body.order.id]).toEqual([201, "true", placed.body.order.id]);
    expect(await nightRow(itemId, body.checkIn)).toEqual({ available: 2, held: 1, sold: 0 });
    expect(await nightRow(itemId, addStayDays(body.checkIn, 1))).toMatchObject({ held: 1, sold: 0 });
    const left = await call("GET", `${shop.tenantId}/bookings/nights?itemId=${itemId}&checkIn=${body.checkIn}&checkOut=${body.checkOut}`, { token });
    expect(left.body.nights.map((night: { left: number }) => night.left)).toEqual([1, 1]);

    // The booking is one of the shopper's orders, and its stay is theirs to see.
    const mine = await call("GET", `${shop.tenantId}/orders`, { token });
    expect(mine.body.orders.map((order: { id: string }) => order.id)).toContain(placed.body.order.id);
    const view = await call("GET", `${shop.tenantId}/bookings/${placed.body.order.id}`, { token });
    expect(view.body.stay).toMatchObject({ checkIn: body.checkIn, checkOut: body.checkOut, guests: 2, guestName: "张三", nights: [{ date: body.checkIn, rateFen: 48_800 }, { rateFen: 38_800 }] });
  });

  it("sells the last room once when 50 shoppers book it at the same moment", async () => {
    const itemId = await arrangeRoom(shop, { title: "阁楼房", priceFen: 25_000, rooms: 1, cancellation: { kind: "nonRefundable" } });
    const shoppers = await Promise.all(Array.from({ length: 50 }, () => login(shop)));
    const body = { ...stay(itemId, 20, 3), seenTotalFen: 75_000 };
    const answers = await Promise.all(shoppers.map(({ token }) => book(shop, token, body)));
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
    const refused = answers.filter((answer) => answer.status === 409);
    expect(refused).toHaveLength(49);
    for (const answer of refused) expect(answer.body.error.refusals).toEqual([expect.objectContaining({ code: "nightSoldOut", date: body.checkIn })]);
    for (const date of [body.checkIn, addStayDays(body.checkIn, 1), addStayDays(body.checkIn, 2)]) expect(await nightRow(itemId, date)).toMatchObject({ held: 1, sold: 0 });
    const { rows } = await admin.query("SELECT count(*)::int AS n FROM stays WHERE item_id = $1", [itemId]);
    expect(rows[0].n).toBe(1);
  });

  it("refuses a stay over a closed night, naming that night, and holds none of the others", async () => {
    const itemId = await arrangeRoom(shop, { title: "家庭房", priceFen: 50_000, rooms: 3, cancellation: { kind: "nonRefundable" } });
    const { token } = await login(shop);
    const body = { ...stay(itemId, 30, 3), seenTotalFen: 150_000 };
    const closed = addStayDays(body.checkIn, 1);
    await db.scoped({ tenantId: shop.tenantId }, (tx) => tx.roomNight.create({ data: { tenantId: shop.tenantId, itemId, date: new Date(`${closed}T00:00:00Z`), available: 0 } }));
    const answer = await book(shop, token, body);
    expect(answer.status).toBe(409);
    const [, month, day] = closed.split("-").map(Number);
    expect(answer.body.error.refusals).toEqual([{ code: "nightClosed", date: closed, message: `${month}月${day}日当晚不可预订。` }]);
    const english = await call("POST", `${shop.tenantId}/bookings`, { token, body, headers: { "Idempotency-Key": randomUUID(), "Accept-Language": "en" } });
    expect(english.body.error.message).toMatch(/^The night of \w{3} \d+ is closed for booking\.$/);
    expect(await nightRow(itemId, body.checkIn)).toBeUndefined();
    expect(await nightRow(itemId, closed)).toEqual({ available: 0, held: 0, sold: 0 });
  });

  it("gives the room back when an unpaid booking is cancelled, and counts it sold once paid", async () => {
    const itemId = await arrangeRoom(shop, { title: "标准间", priceFen: 20_000, rooms: 1, cancellation: { kind: "nonRefundable" } });
    const { token } = await login(shop);
    const body = { ...stay(itemId, 40, 1), seenTotalFen: 20_000 };
    const placed = await book(shop, token, body);
    const cancelled = await call("POST", `${shop.tenantId}/bookings/${placed.body.order.id}/cancel`, { token, body: { seenRefundFen: 0 } });
    expect(cancelled.body.order.status).toBe("cancelled");
    expect(await nightRow(itemId, body.checkIn)).toMatchObject({ held: 0, sold: 0 });
    await bookAndPay(shop, token, body);
    expect(await nightRow(itemId, body.checkIn)).toMatchObject({ held: 0, sold: 1 });
  });
});

describe("cancelling a paid stay", () => {
  it("refunds in part per the room's policy through WeChat Pay, after showing the refund first", async () => {
    const itemId = await arrangeRoom(shop, { title: "半退房", priceFen: 33_333, rooms: 1, cancellation: { kind: "partial", percent: 60 } });
    const { token } = await login(shop);
    const body = { ...stay(itemId, 10, 1), seenTotalFen: 33_333 };
    const paid = await bookAndPay(shop, token, body);
    const orderId = paid.body.order.id as string;
    expect(paid.body.order.actions).toContain("cancelStay");

    const quote = await call("GET", `${shop.tenantId}/bookings/${orderId}/cancellation`, { token });
    expect(quote.body).toEqual({ canCancel: true, refundFen: 19_999, rule: "partial", freeUntil: null, policy: "入住日结束前取消，退还 60% 房费" });
    // A refund other than the one shown is told, not applied.
    const changed = await call("POST", `${shop.tenantId}/bookings/${orderId}/cancel`, { token, body: { seenRefundFen: 33_333 } });
    expect([changed.status, changed.body.error.code, changed.body.error.refundFen]).toEqual([409, "booking.refundChanged", 19_999]);

    const cancelled = await call("POST", `${shop.tenantId}/bookings/${orderId}/cancel`, { token, body: { seenRefundFen: 19_999 } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ order: { status: "stayCancelled", statusName: "已取消预订" }, refund: { amountFen: 19_999 }, refundProblem: null });
    expect(await nightRow(itemId, body.checkIn)).toMatchObject({ held: 0, sold: 0 });
    const settled = await until(() => call("GET", `${shop.tenantId}/bookings/${orderId}`, { token }), (answer) => answer.body.order.refundedFen === 19_999, "the refund notification");
    expect(settled.body.order.status).toBe("stayCancelled");
    expect(settled.body.order.events.map((event: { action: string; actor: string; amountFen: number | null }) => [event.action, event.actor, event.amountFen])).toEqual([
      ["place", "shopper", null],
      ["pay", "paymentNotification", 33_333],
      ["cancelStay", "shopper", 19_999],
      ["refund", "system", 19_999],
    ]);
    const { rows } = await admin.query("SELECT payment_no FROM orders WHERE id = $1", [orderId]);
    const atWechat = pay.refunds.filter((refund) => refund.orderKey.endsWith(`:${rows[0].payment_no}`));
    expect(atWechat.map((refund) => [refund.refundFen, refund.status])).toEqual([[19_999, "SUCCESS"]]);
  });

  it("refunds everything before a free cancellation's deadline, and nothing for a non-refundable room", async () => {
    const free = await arrangeRoom(shop, { title: "可免费取消", priceFen: 40_000, rooms: 1, cancellation: { kind: "free", hoursBefore: 48 } });
    const { token } = await login(shop);
    const paid = await bookAndPay(shop, token, { ...stay(free, 10, 1), seenTotalFen: 40_000 });
    const orderId = paid.body.order.id as string;
    expect((await call("GET", `${shop.tenantId}/bookings/${orderId}/cancellation`, { token })).body).toMatchObject({ refundFen: 40_000, rule: "free" });
    await call("POST", `${shop.tenantId}/bookings/${orderId}/cancel`, { token, body: { seenRefundFen: 40_000 } });
    const refunded = await until(() => call("GET", `${shop.tenantId}/bookings/${orderId}`, { token }), (answer) => answer.body.order.status === "refunded", "the full refund");
    expect(refunded.body.order.refundedFen).toBe(40_000);

    const strict = await arrangeRoom(shop, { title: "不可退", priceFen: 30_000, rooms: 1, cancellation: { kind: "nonRefundable" } });
    const kept = await bookAndPay(shop, token, { ...stay(strict, 10, 1), seenTotalFen: 30_000 });
    const keptId = kept.body.order.id as string;
    expect((await call("GET", `${shop.tenantId}/bookings/${keptId}/cancellation`, { token })).body).toMatchObject({ refundFen: 0, rule: "nonRefundable" });
    const requests = pay.refunds.length;
    const cancelled = await call("POST", `${shop.tenantId}/bookings/${keptId}/cancel`, { token, body: { seenRefundFen: 0 } });
    expect(cancelled.body).toMatchObject({ order: { status: "stayCancelled", refundedFen: 0 }, refund: null });
    expect(pay.refunds.length).toBe(requests);
  });
});

describe("a cancellation's refund WeChat Pay did not take", () => {
  // The timers' own WeChat Pay client retries a failed call within one ask, quickly here.
  const deps = () => {
    const fromEnv = paymentDepsFromEnv({ ...serviceProvider.env, SHOP_API_PUBLIC_URL: api.url }, api.masterKey);
    return { ...fromEnv, connection: { ...fromEnv.connection, retryDelaysMs: [10, 10, 10] } };
  };
  /** One ask that WeChat Pay fails: the client's call and its three retries. */
  const ASK = 4;
  const refundRow = async (orderId: string) =>
    (await admin.query("SELECT refund_no, status, problem, attempts, retry_at FROM refunds WHERE order_id = $1", [orderId])).rows as {
      refund_no: string;
      status: string;
      problem: string | null;
      attempts: number;
      retry_at: Date | null;
    }[];
  /** The pause before the next ask is over (as if time passed), without sleeping through it. */
  const pauseOver = (orderId: string) => admin.query("UPDATE refunds SET retry_at = now() WHERE order_id = $1 AND status = 'processing'", [orderId]);
  const atWechat = async (orderId: string) => {
    const { rows } = await admin.query("SELECT payment_no FROM orders WHERE id = $1", [orderId]);
    return pay.refunds.filter((refund) => refund.orderKey.endsWith(`:${rows[0].payment_no}`));
  };
  const refundOf = (orderId: string, token: string) => call("GET", `${shop.tenantId}/bookings/${orderId}`, { token }).then((answer) => answer.body.order.refundedFen as number);

  it("is asked again by the order timers with the same out_refund_no until WeChat Pay takes it, and refunded once", async () => {
    const itemId = await arrangeRoom(shop, { title: "重试退款房", priceFen: 20_000, rooms: 1, cancellation: { kind: "free", hoursBefore: 24 } });
    const { token } = await login(shop);
    const orderId = (await bookAndPay(shop, token, { ...stay(itemId, 10, 1), seenTotalFen: 20_000 })).body.order.id as string;

    // WeChat Pay is down for the cancellation's ask and the timers' first retry.
    pay.inject("refund", { status: 500, code: "SYSTEM_ERROR", message: "系统繁忙" }, { times: 2 * ASK });
    const cancelled = await call("POST", `${shop.tenantId}/bookings/${orderId}/cancel`, { token, body: { seenRefundFen: 20_000 } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ order: { status: "stayCancelled", refundedFen: 0 }, refund: { amountFen: 20_000, status: "processing" }, refundProblem: "system" });
    const [asked] = await refundRow(orderId);
    expect(asked).toMatchObject({ status: "processing", problem: "system", retry_at: expect.any(Date) });

    await pauseOver(orderId);
    await retryDueRefunds(db, deps(), { retryBaseMs: 200 });
    expect((await refundRow(orderId))[0]).toMatchObject({ refund_no: asked!.refund_no, status: "processing", problem: "system", attempts: 1 });
    expect(await atWechat(orderId)).toEqual([]);

    // WeChat Pay is back: the next round after the pause takes it, under the same out_refund_no.
    await until(async () => (await retryDueRefunds(db, deps(), { retryBaseMs: 200 }), refundRow(orderId)), (rows) => rows[0]!.retry_at === null, "the retried refund");
    await until(() => refundOf(orderId, token), (refunded) => refunded === 20_000, "the refund notification");
    expect((await refundRow(orderId)).map((row) => [row.refund_no, row.status, row.problem])).toEqual([[asked!.refund_no, "success", null]]);
    expect((await atWechat(orderId)).map((refund) => [refund.outRefundNo, refund.refundFen])).toEqual([[asked!.refund_no, 20_000]]);
  });

  it("asks again a refund WeChat Pay made without answering, and one never asked, each made once", async () => {
    const itemId = await arrangeRoom(shop, { title: "无应答房", priceFen: 30_000, rooms: 2, cancellation: { kind: "partial", percent: 50 } });
    const { token, shopper } = await login(shop);
    const lost = (await bookAndPay(shop, token, { ...stay(itemId, 12, 1), seenTotalFen: 30_000 })).body.order.id as string;
    const died = (await bookAndPay(shop, token, { ...stay(itemId, 14, 1), seenTotalFen: 30_000 })).body.order.id as string;
    // WeChat Pay makes the refund, and neither an answer to the ask nor its notification gets through.
    pay.holdNotifications();
    pay.inject("refund", "processThen500", { times: 1 });
    pay.inject("refund", { status: 500, code: "SYSTEM_ERROR", message: "系统繁忙" }, { times: ASK - 1 });
    const cancelled = await call("POST", `${shop.tenantId}/bookings/${lost}/cancel`, { token, body: { seenRefundFen: 15_000 } });
    expect(cancelled.body).toMatchObject({ refund: { amountFen: 15_000, status: "processing" }, refundProblem: "system" });

    // The process dies after the cancellation committed, before asking WeChat Pay: what cancelBooking commits first.
    await db.scoped({ tenantId: shop.tenantId }, async (tx) => {
      const changed = await changeOrder(tx, { orderId: died, command: { action: "cancelStay", refundFen: 15_000, reason: "" }, actor: { role: "shopper", id: shopper.id } });
      expect(changed.ok).toBe(true);
      expect(await recordRefund(tx, { tenantId: shop.tenantId, orderId: died, amountFen: 15_000, reason: "取消预订，按取消政策退款", restock: false, actor: { role: "system", id: null } })).toMatchObject({ ok: true });
    });
    expect(await atWechat(died)).toEqual([]);

    await pauseOver(lost);
    await pauseOver(died);
    await retryDueRefunds(db, deps(), { retryBaseMs: 200 });
    // The held notification arrives late, after the ask again settled the refund: it changes nothing.
    pay.releaseNotifications();
    await pay.idle();
    for (const orderId of [lost, died]) {
      await until(() => refundOf(orderId, token), (refunded) => refunded === 15_000, "the refund notification");
      const [row] = await refundRow(orderId);
      expect(row).toMatchObject({ status: "success", retry_at: null });
      expect((await atWechat(orderId)).map((refund) => [refund.outRefundNo, refund.refundFen])).toEqual([[row!.refund_no, 15_000]]);
    }
    // Nothing left to ask: another round changes nothing.
    await retryDueRefunds(db, deps(), { retryBaseMs: 200 });
    expect((await atWechat(lost)).length + (await atWechat(died)).length).toBe(2);
  });
});

describe("isolation", () => {
  it("never shows a booking to another store or another shopper", async () => {
    const itemId = await arrangeRoom(shop, { title: "私密房", priceFen: 10_000, rooms: 5, cancellation: { kind: "nonRefundable" } });
    const owner = await login(shop);
    const placed = await book(shop, owner.token, { ...stay(itemId, 3, 1), seenTotalFen: 10_000 });
    const orderId = placed.body.order.id as string;
    const other = await login(shop);
    const foreign = await login(rival);
    for (const path of [`bookings/${orderId}`, `bookings/${orderId}/cancellation`]) {
      expect((await call("GET", `${shop.tenantId}/${path}`, { token: other.token })).status).toBe(404);
      expect((await call("GET", `${rival.tenantId}/${path}`, { token: foreign.token })).status).toBe(404);
      expect((await call("GET", `${shop.tenantId}/${path}`, { token: foreign.token })).status).toBe(401);
    }
    expect((await call("POST", `${rival.tenantId}/bookings/${orderId}/cancel`, { token: foreign.token, body: { seenRefundFen: 0 } })).status).toBe(404);
    // The other store's rooms are not bookable from here.
    const across = await book(rival, foreign.token, { ...stay(itemId, 3, 1), seenTotalFen: 10_000 });
    expect(across.body.error.refusals).toEqual([expect.objectContaining({ code: "roomGone" })]);
    expect((await call("GET", `${shop.tenantId}/bookings/${orderId}`, { token: owner.token })).body.order.status).toBe("pendingPayment");
  });
});
