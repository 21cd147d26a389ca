// Ordering at a restaurant table over real HTTP: a real shop-api on the real database, shoppers logged in at the fake
// WeChat, tabs paid through the fake WeChat Pay and its notification.
import { randomUUID } from "node:crypto";
import type { Database } from "@kaidian/db";
import { freePort, testDatabase, testDatabaseUrl } from "@kaidian/db/testing";
import { arrangeRestaurant, type TestRestaurant } from "@kaidian/orders/testing";
import { arrangeServiceProvider, type FakeWechatPay, startFakeWechatPay, type TestServiceProvider } from "@kaidian/payments/testing";
import { type FakeWechatApi, startFakeWechatApi } from "@kaidian/wechat/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningShopApi, startShopApi } from "./testing";

let api: RunningShopApi;
let fake: FakeWechatApi;
let pay: FakeWechatPay;
let serviceProvider: TestServiceProvider;
let db: Database;
let atEnd: TestRestaurant;
let first: TestRestaurant;

beforeAll(async () => {
  fake = await startFakeWechatApi();
  pay = await startFakeWechatPay();
  serviceProvider = await arrangeServiceProvider(pay);
  // WeChat Pay posts its notifications to the address shop-api gives as its own, so it listens where it says.
  const port = await freePort();
  api = await startShopApi(testDatabaseUrl(), { WECHAT_API_BASE: fake.baseUrl, ...serviceProvider.env, SHOP_API_PORT: String(port), SHOP_API_PUBLIC_URL: `http://127.0.0.1:${port}` });
  db = testDatabase();
  const registerApp = (app: { appid: string; secret: string }) => fake.registerApp(app);
  atEnd = await arrangeRestaurant(db, { name: "面馆", masterKey: api.masterKey, registerApp, serviceProvider, payment: "payAtEnd" });
  first = await arrangeRestaurant(db, { name: "快餐", masterKey: api.masterKey, registerApp, serviceProvider, payment: "payFirst" });
}, 60_000);

afterAll(async () => {
  await api?.close();
  await fake?.close();
  await pay?.close();
  await serviceProvider?.dispose();
  await db?.disconnect();
});

async function call(method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}) {
  const answer = await fetch(`${api.url}/api/mp/v1/${path}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await answer.text();
  return { status: answer.status, body: text ? JSON.parse(text) : null, replayed: answer.headers.get("idempotent-replayed") === "true" };
}

/** A round sent from the table's phone, under its own Idempotency-Key unless one is given (a retry). */
const sendOver = (store: TestRestaurant, table: { code: string }, token: string, body: unknown, key: string = randomUUID()) =>
  call("POST", `${store.tenantId}/tables/${table.code}/rounds`, token, body, { "Idempotency-Key": key });

async function login(store: TestRestaurant) {
  const code = fake.issueLoginCode(store.appid, { openid: `o${randomUUID()}` });
  return (await call("POST", `${store.tenantId}/session`, undefined, { code })).body.token as string;
}

const noodles = (store: TestRestaurant) => ({ itemId: store.dishes.chicken, dishOptions: [{ group: "辣度", options: ["微辣"] }], quantity: 2, seenUnitPriceFen: 3200 });
const rice = (store: TestRestaurant) => ({ itemId: store.dishes.rice, quantity: 1, seenUnitPriceFen: 200 });

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (let pause = 20; ; pause = Math.min(pause * 2, 500)) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

describe("a pay-at-end table", () => {
  it("takes two rounds from two diners onto one tab, then one diner pays the whole tab through WeChat Pay", async () => {
    const [wang, li] = [await login(atEnd), await login(atEnd)];
    const table = atEnd.tables[0]!;
    expect((await call("GET", `${atEnd.tenantId}/tables/${table.code}/tab`, wang)).body).toEqual({ table: { name: "A1", code: table.code }, tab: null });

    const one = await sendOver(atEnd, table, wang, { lines: [noodles(atEnd)], note: "少放葱" });
    const two = await sendOver(atEnd, table, li, { lines: [rice(atEnd)] });
    expect([one.status, two.status]).toEqual([201, 201]);
    expect([one.body.round.number, two.body.round.number, one.body.payment]).toEqual([1, 2, null]);

    const tab = (await call("GET", `${atEnd.tenantId}/tables/${table.code}/tab`, li)).body.tab;
    expect(tab).toMatchObject({ payment: "payAtEnd", totalFen: 6600, bill: { status: "pendingPayment", totalFen: 6600 } });
    expect(tab.rounds.map((round: { number: number; stage: string }) => [round.number, round.stage])).toEqual([[2, "inKitchen"], [1, "inKitchen"]]);

    // The bill's dishes are in the kitchen: it is paid, never cancelled, so no cancel is offered, here or in the list.
    const billView = await call("GET", `${atEnd.tenantId}/orders/${tab.bill.orderId}`, wang);
    expect(billView.body).toMatchObject({ status: "pendingPayment", delivery: "dineIn" });
    expect(billView.body.actions).not.toContain("cancel");
    const listed = (await call("GET", `${atEnd.tenantId}/orders`, wang)).body.orders.find((order: { id: string }) => order.id === tab.bill.orderId);
    expect(listed.actions).not.toContain("cancel");
    expect((await call("POST", `${atEnd.tenantId}/orders/${tab.bill.orderId}/actions`, wang, { action: "cancel" })).status).toBe(409);

    const refused = await sendOver(atEnd, table, li, { lines: [{ itemId: atEnd.dishes.fish, quantity: 1, seenUnitPriceFen: 5800 }] });
    expect([refused.status, refused.body.error.refusals[0].message]).toEqual([409, "「酸菜鱼」已售罄。"]);

    const paying = await call("POST", `${atEnd.tenantId}/tables/${table.code}/tab/payment`, li);
    expect(paying.status).toBe(200);
    expect(paying.body.payment.package).toMatch(/^prepay_id=/);
    const { paymentNo } = await db.scoped({ tenantId: atEnd.tenantId }, (tx) => tx.order.findFirstOrThrow({ where: { id: paying.body.orderId }, select: { paymentNo: true } }));
    await pay.pay(paymentNo, { requestPayment: paying.body.payment });

    // The notification pays the bill and closes the tab; the table is free for the next party.
    const after = await until(() => call("GET", `${atEnd.tenantId}/tables/${table.code}/tab`, li), (answer) => answer.body.tab === null);
    expect(after.body.tab).toBeNull();
    const bill = await call("GET", `${atEnd.tenantId}/orders/${paying.body.orderId}`, li);
    expect(bill.body).toMatchObject({ status: "paid", totalFen: 6600, events: [{ action: "place" }, { action: "addRound" }, { action: "pay" }] });
  });
});

describe("a pay-first table", () => {
  it("answers each round with its own payment, and has no tab bill to settle", async () => {
    const token = await login(first);
    const table = first.tables[0]!;
    const one = await sendOver(first, table, token, { lines: [rice(first)] });
    expect(one.status).toBe(201);
    expect(one.body.payment.package).toMatch(/^prepay_id=/);
    expect(one.body.tab.rounds[0]).toMatchObject({ number: 1, stage: "awaitingPayment" });
    // An unpaid pay-first round has not reached the kitchen: the diner may still cancel it.
    expect((await call("GET", `${first.tenantId}/orders/${one.body.round.orderId}`, token)).body.actions).toContain("cancel");
    expect((await call("POST", `${first.tenantId}/tables/${table.code}/tab/payment`, token)).body.error.code).toBe("tab.notPayAtEnd");
  });
});

describe("a round sent while the tab is being paid", () => {
  it("closes the open payment at WeChat Pay, so the diner pays the new total, never the old one", async () => {
    const [wang, li] = [await login(atEnd), await login(atEnd)];
    const table = await db.scoped({ tenantId: atEnd.tenantId }, (tx) => tx.diningTable.create({ data: { tenantId: atEnd.tenantId, name: "C1", code: "PAYING" } }));
    expect((await sendOver(atEnd, table, wang, { lines: [rice(atEnd)] })).status).toBe(201);
    const paying = await call("POST", `${atEnd.tenantId}/tables/${table.code}/tab/payment`, wang);
    expect(paying.status).toBe(200);
    const billNo = async () => (await db.scoped({ tenantId: atEnd.tenantId }, (tx) => tx.order.findFirstOrThrow({ where: { id: paying.body.orderId }, select: { paymentNo: true } }))).paymentNo;
    const oldNo = await billNo();

    // Wang's pay sheet is open when Li sends another round: the sheet's payment is closed.
    expect((await sendOver(atEnd, table, li, { lines: [noodles(atEnd)] })).status).toBe(201);
    expect(() => pay.pay(oldNo, { requestPayment: paying.body.payment })).toThrow(/CLOSED/);

    const again = await call("POST", `${atEnd.tenantId}/tables/${table.code}/tab/payment`, wang);
    expect(again.status).toBe(200);
    const newNo = await billNo();
    expect(newNo).not.toBe(oldNo);
    pay.pay(newNo, { requestPayment: again.body.payment });
    const bill = await until(() => call("GET", `${atEnd.tenantId}/orders/${paying.body.orderId}`, wang), (answer) => answer.body.status === "paid");
    expect(bill.body).toMatchObject({ status: "paid", totalFen: 200 + 6400, paidFen: 200 + 6400 });
  });

  it("starts the table's next tab when the open payment was paid just before the round", async () => {
    const token = await login(atEnd);
    const table = await db.scoped({ tenantId: atEnd.tenantId }, (tx) => tx.diningTable.create({ data: { tenantId: atEnd.tenantId, name: "C2", code: "PAIDJS" } }));
    expect((await sendOver(atEnd, table, token, { lines: [rice(atEnd)] })).status).toBe(201);
    const paying = await call("POST", `${atEnd.tenantId}/tables/${table.code}/tab/payment`, token);
    const { paymentNo } = await db.scoped({ tenantId: atEnd.tenantId }, (tx) => tx.order.findFirstOrThrow({ where: { id: paying.body.orderId }, select: { paymentNo: true } }));
    pay.holdNotifications();
    pay.pay(paymentNo, { requestPayment: paying.body.payment });
    const next = await sendOver(atEnd, table, token, { lines: [noodles(atEnd)] });
    pay.releaseNotifications();
    await pay.idle();
    expect(next.status).toBe(201);
    expect(next.body.tab).toMatchObject({ totalFen: 6400, rounds: [{ number: 1 }] });
    expect(next.body.tab.bill.orderId).not.toBe(paying.body.orderId);
    expect((await call("GET", `${atEnd.tenantId}/orders/${paying.body.orderId}`, token)).body).toMatchObject({ status: "paid", totalFen: 200, paidFen: 200 });
  });
});

describe("a round sent twice", () => {
  it("answers a retried request (same Idempotency-Key) with the round it sent, even when both arrive at once", async () => {
    const token = await login(atEnd);
    const table = await db.scoped({ tenantId: atEnd.tenantId }, (tx) => tx.diningTable.create({ data: { tenantId: atEnd.tenantId, name: "B1", code: "RETRY1" } }));
    const missing = await call("POST", `${atEnd.tenantId}/tables/${table.code}/rounds`, token, { lines: [rice(atEnd)] });
    expect([missing.status, missing.body.error.code]).toEqual([400, "idempotency.missing"]);

    const sent = await sendOver(atEnd, table, token, { lines: [rice(atEnd)] }, "round-retry-0001");
    const retried = await sendOver(atEnd, table, token, { lines: [rice(atEnd)] }, "round-retry-0001");
    expect([sent.status, sent.replayed, retried.status, retried.replayed]).toEqual([201, false, 201, true]);
    expect(retried.body.round).toEqual(sent.body.round);
    const [a, b] = await Promise.all([
      sendOver(atEnd, table, token, { lines: [noodles(atEnd)] }, "round-retry-0002"),
      sendOver(atEnd, table, token, { lines: [noodles(atEnd)] }, "round-retry-0002"),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.round).toEqual(b.body.round);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);

    const tab = (await call("GET", `${atEnd.tenantId}/tables/${table.code}/tab`, token)).body.tab;
    expect(tab.rounds.map((round: { number: number }) => round.number)).toEqual([2, 1]);
    expect(tab).toMatchObject({ totalFen: 200 + 6400, bill: { totalFen: 6600 } });
    // The kitchen got each round once.
    expect(await db.scoped({ tenantId: atEnd.tenantId }, (tx) => tx.tableRound.count({ where: { orderId: tab.bill.orderId } }))).toBe(2);
  });

  it("answers a retried pay-first round with the same round and its payment", async () => {
    const token = await login(first);
    const table = first.tables[1]!;
    const sent = await sendOver(first, table, token, { lines: [rice(first)] }, "round-retry-0003");
    const retried = await sendOver(first, table, token, { lines: [rice(first)] }, "round-retry-0003");
    expect(retried.replayed).toBe(true);
    expect(retried.body.round).toEqual(sent.body.round);
    expect(retried.body.payment.package).toBe(sent.body.payment.package);
    expect(await db.scoped({ tenantId: first.tenantId }, (tx) => tx.order.count({ where: { delivery: "dineIn", lines: { some: {} }, id: sent.body.round.orderId } }))).toBe(1);
    expect(retried.body.tab.rounds).toHaveLength(1);
  });
});

describe("another store", () => {
  it("never finds this store's table, with its own shopper's token", async () => {
    const outsider = await login(first);
    const table = atEnd.tables[1]!;
    for (const [method, path, body] of [["GET", "tab", undefined], ["POST", "rounds", { lines: [rice(first)] }], ["POST", "tab/payment", undefined]] as const) {
      const answer = await call(method, `${first.tenantId}/tables/${table.code}/${path}`, outsider, body, { "Idempotency-Key": randomUUID() });
      expect([answer.status, answer.body.error.code], path).toEqual([404, "table.notFound"]);
    }
    expect(await db.scoped({ tenantId: atEnd.tenantId }, (tx) => tx.diningTab.count({ where: { tableId: table.id } }))).toBe(0);
  });
});
