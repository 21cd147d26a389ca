// Trading over real HTTP: a real shop-api on the real database, logging shoppers in at the fake WeChat.
import { randomUUID } from "node:crypto";
import type { Database } from "@kaidian/db";
import { superuser, testDatabase, testDatabaseUrl } from "@kaidian/db/testing";
import { arrangeProduct, arrangeTradingStore, type TradingStore } from "@kaidian/orders/testing";
import { createCoupon } from "@kaidian/coupons/server";
import { DEFAULT_QUEUE_SETTINGS } from "@kaidian/queue";
import { saveQueueSettings } from "@kaidian/queue/server";
import { arrangeServiceProvider, type FakeWechatPay, startFakeWechatPay, type TestServiceProvider } from "@kaidian/payments/testing";
import { type FakeWechatApi, startFakeWechatApi } from "@kaidian/wechat/testing";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningShopApi, startShopApi } from "./testing";
import { STORE_ROUTES } from "./trading";

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
  api = await startShopApi(testDatabaseUrl(), { WECHAT_API_BASE: fake.baseUrl, ...serviceProvider.env });
  db = testDatabase();
  admin = await superuser();
  const registerApp = (app: { appid: string; secret: string }) => fake.registerApp(app);
  shop = await arrangeTradingStore(db, { name: "山间小铺", masterKey: api.masterKey, registerApp, serviceProvider });
  rival = await arrangeTradingStore(db, { name: "对面小铺", masterKey: api.masterKey, registerApp });
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
  const answer = await fetch(`${api.url}/api/mp/v1/${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await answer.text();
  return { status: answer.status, headers: answer.headers, body: text ? JSON.parse(text) : null };
}

async function login(store: TradingStore, openid = `o${randomUUID()}`, unionid?: string) {
  const code = fake.issueLoginCode(store.appid, { openid, ...(unionid ? { unionid } : {}) });
  const answer = await call("POST", `${store.tenantId}/session`, { body: { code } });
  expect(answer.status).toBe(200);
  return answer.body as { token: string; expiresAt: string; shopper: { id: string; phone: string | null } };
}

const pickupOff = { method: "express", address: { name: "王小明", phone: "13800000000", province: "浙江省", city: "杭州市", district: "西湖区", detail: "文三路 1 号" } };
const orderBody = (itemId: string, options: string[], quantity: number, seenUnitPriceFen: number) => ({
  lines: [{ itemId, skuOptions: options, quantity, seenUnitPriceFen }],
  delivery: pickupOff,
  note: "",
});
const place = (token: string, body: unknown, key: string = randomUUID()) => call("POST", `${shop.tenantId}/orders`, { token, body, headers: { "Idempotency-Key": key } });
const stockOf = async (itemId: string) => (await call("GET", `${shop.tenantId}/items/${itemId}/stock`)).body.skus[0].stock as number;

describe("shopper login", () => {
  it("logs a shopper in with wx.login's code: one shopper per openid, a token for this store, no session_key anywhere", async () => {
    const openid = `o${randomUUID()}`;
    const first = await login(shop, openid, "union-1");
    expect(first.shopper).toEqual({ id: expect.any(String), phone: null });
    expect(new Date(first.expiresAt).getTime() - Date.now()).toBeGreaterThan(110 * 60_000);
    expect(JSON.stringify(first)).not.toMatch(/session/i);
    const again = await login(shop, openid);
    expect(again.shopper.id).toBe(first.shopper.id);
    const { rows } = await admin.query("SELECT openid, unionid FROM shoppers WHERE id = $1", [first.shopper.id]);
    expect(rows).toEqual([{ openid, unionid: "union-1" }]);
    expect((await call("GET", `${shop.tenantId}/cart`, { token: again.token })).status).toBe(200);
  });

  it("refuses a used or made-up code, and says so in Chinese or English", async () => {
    const code = fake.issueLoginCode(shop.appid, { openid: `o${randomUUID()}` });
    expect((await call("POST", `${shop.tenantId}/session`, { body: { code } })).status).toBe(200);
    const used = await call("POST", `${shop.tenantId}/session`, { body: { code } });
    expect(used.status).toBe(400);
    expect(used.body.error).toEqual({ code: "login.code", message: "微信登录失败，请重试。" });
    const madeUp = await call("POST", `${shop.tenantId}/session`, { body: { code: "made-up" }, headers: { "Accept-Language": "en" } });
    expect(madeUp.body.error).toEqual({ code: "login.code", message: "WeChat login failed. Please try again." });
  });

  it("answers login.notSetUp for a store without an AppSecret", async () => {
    const bare = await arrangeTradingStore(db, { name: "未设置", masterKey: api.masterKey, registerApp: (app) => fake.registerApp(app) });
    await db.scoped({ tenantId: bare.tenantId }, (tx) => tx.wechatCredential.update({ where: { tenantId: bare.tenantId }, data: { appSecretCiphertext: null } }));
    const answer = await call("POST", `${bare.tenantId}/session`, { body: { code: fake.issueLoginCode(bare.appid, { openid: "o-x" }) } });
    expect([answer.status, answer.body.error]).toEqual([409, { code: "login.notSetUp", message: "本店尚未完成微信登录设置，暂时无法登录。" }]);
  });

  it("stores the phone number from the getPhoneNumber button and shows it masked", async () => {
    const openid = `o${randomUUID()}`;
    const { token } = await login(shop, openid);
    const code = fake.issuePhoneCode(shop.appid, { purePhoneNumber: "13812345678" });
    const answer = await call("POST", `${shop.tenantId}/me/phone`, { token, body: { code } });
    expect(answer.body).toEqual({ phone: "138****5678" });
    expect((await login(shop, openid)).shopper.phone).toBe("138****5678");
    const reused = await call("POST", `${shop.tenantId}/me/phone`, { token, body: { code } });
    expect([reused.status, reused.body.error.code]).toEqual([400, "phone.code"]);
  });
});

describe("isolation", () => {
  it("refuses another store's token, and none, on every shopper route the app has", async () => {
    const item = await arrangeProduct(db, shop.tenantId, { title: "隔离测试", priceFen: 100, stock: 3 });
    const own = await login(shop);
    const placed = await place(own.token, orderBody(item.id, item.options[0]!, 1, 100));
    expect(placed.status).toBe(201);
    await db.scoped({ tenantId: shop.tenantId }, (tx) => saveQueueSettings(tx, shop.tenantId, { userId: randomUUID(), revision: 0 }, { ...DEFAULT_QUEUE_SETTINGS, enabled: true }));
    const ticket = await call("POST", `${shop.tenantId}/queue/tickets`, { token: own.token, body: { partySize: 2 } });
    expect(ticket.status).toBe(201);
    const table = await db.scoped({ tenantId: shop.tenantId }, (tx) => tx.diningTable.create({ data: { tenantId: shop.tenantId, name: "隔离桌", code: "ISO234" } }));
    const coupon = await db.scoped({ tenantId: shop.tenantId }, (tx) =>
      createCoupon(tx, shop.tenantId, { name: "隔离券", discount: { kind: "amount", amountFen: 10 }, validity: { kind: "days", days: 3 }, totalQuantity: 5, scope: { kind: "all" } }),
    );
    if (!coupon.ok) throw new Error("the isolation test's coupon was refused");
    const joined = await call("POST", `${shop.tenantId}/me/member`, { token: own.token, body: { code: fake.issuePhoneCode(shop.appid, { purePhoneNumber: "13700001111" }) } });
    expect(joined.status).toBe(201);
    const foreign = await login(rival);
    const storeRoutes = api.routes.filter((route) => route.url.startsWith(STORE_ROUTES));
    const guarded = storeRoutes.filter((route) => !route.public);
    // Public routes serve what every shopper may see; making a route public is a decision this list records.
    expect(storeRoutes.filter((route) => route.public).map((route) => `${route.method} ${route.url.slice(STORE_ROUTES.length)}`).sort()).toEqual(
      ["GET catalog", "GET categories", "GET coupons", "GET items", "GET items/:item", "GET items/:item/nights", "GET items/:item/stock", "GET ordering", "GET queue", "GET site", "GET store", "HEAD catalog", "HEAD categories", "HEAD coupons", "HEAD items", "HEAD items/:item", "HEAD items/:item/nights", "HEAD items/:item/stock", "HEAD ordering", "HEAD queue", "HEAD site", "HEAD store", "POST events", "POST payments/notify", "POST refunds/notify", "POST session"].sort(),
    );
    expect(guarded.length).toBeGreaterThanOrEqual(8);
    for (const route of guarded) {
      const path = route.url.replace("/api/mp/v1/", "").replace(":tenant", shop.tenantId).replace(":id", placed.body.order.id).replace(":item", item.id).replace(":ticket", ticket.body.id).replace(":table", table.code).replace(":coupon", coupon.id);
      const body = route.method === "GET" || route.method === "HEAD" ? undefined : {};
      for (const [token, code] of [[foreign.token, "token.otherStore"], [undefined, "token.missing"], [`${own.token.slice(0, -2)}xx`, "token.invalid"]] as const) {
        const answer = await call(route.method, path, { token, body });
        expect(answer.status, `${route.method} ${route.url}`).toBe(401);
        if (route.method !== "HEAD") expect(answer.body.error.code, `${route.method} ${route.url}`).toBe(code);
      }
    }
    // Nothing was changed by any of those calls: the order is as placed, the stock as reserved.
    expect((await call("GET", `${shop.tenantId}/orders/${placed.body.order.id}`, { token: own.token })).body.status).toBe("pendingPayment");
    expect(await stockOf(item.id)).toBe(2);
    const held = await call("GET", `${shop.tenantId}/queue/tickets/current`, { token: own.token });
    expect([held.body.ticket.id, held.body.ticket.status]).toEqual([ticket.body.id, "waiting"]);
    expect(await db.scoped({ tenantId: shop.tenantId }, (tx) => tx.diningTab.count({ where: { tableId: table.id } }))).toBe(0);
    expect((await db.scoped({ tenantId: shop.tenantId }, (tx) => tx.coupon.findFirstOrThrow({ where: { id: coupon.id } }))).claimed).toBe(0);
    // The membership is as joined: no other member, no points moved.
    expect((await call("GET", `${shop.tenantId}/me/member`, { token: own.token })).body.member).toEqual(joined.body.member);
    expect(await db.scoped({ tenantId: rival.tenantId }, (tx) => tx.member.count())).toBe(0);
    expect(await db.scoped({ tenantId: shop.tenantId }, (tx) => tx.pointEntry.count())).toBe(0);
  });

  it("never shows one shopper another's orders, nor lets them act on one", async () => {
    const item = await arrangeProduct(db, shop.tenantId, { title: "各看各的", priceFen: 500, stock: 10 });
    const [zhang, li] = [await login(shop), await login(shop)];
    const mine = await place(zhang.token, orderBody(item.id, item.options[0]!, 1, 500));
    expect(mine.status).toBe(201);
    const orderId = mine.body.order.id as string;
    expect((await call("GET", `${shop.tenantId}/orders/${orderId}`, { token: li.token })).status).toBe(404);
    expect((await call("POST", `${shop.tenantId}/orders/${orderId}/actions`, { token: li.token, body: { action: "cancel" } })).status).toBe(404);
    expect((await call("GET", `${shop.tenantId}/orders`, { token: li.token })).body.orders).toEqual([]);
    const own = await call("GET", `${shop.tenantId}/orders`, { token: zhang.token });
    expect(own.body.orders.map((order: { id: string }) => order.id)).toEqual([orderId]);
    expect((await call("GET", `${shop.tenantId}/orders/${orderId}`, { token: zhang.token })).body.status).toBe("pendingPayment");
    // A member's card and code are their own: another shopper of the store sees no card and gets no code.
    const card = await call("POST", `${shop.tenantId}/me/member`, { token: zhang.token, body: { code: fake.issuePhoneCode(shop.appid, { purePhoneNumber: "13600002222" }) } });
    expect(card.status).toBe(201);
    expect((await call("GET", `${shop.tenantId}/me/member`, { token: li.token })).body).toEqual({ member: null });
    expect((await call("GET", `${shop.tenantId}/me/member/code`, { token: li.token })).status).toBe(404);
  });
});

describe("placing orders", () => {
  it("places an order priced on the server, numbered, with its first event, the cart emptied of it", async () => {
    const item = await arrangeProduct(db, shop.tenantId, { title: "手冲壶", priceFen: 12_900, stock: 10, options: ["白", "黑"] });
    const { token, shopper } = await login(shop);
    await call("PUT", `${shop.tenantId}/cart`, { token, body: { lines: [{ itemId: item.id, skuOptions: ["黑"], quantity: 2, seenUnitPriceFen: 12_900 }] } });
    const quote = await call("POST", `${shop.tenantId}/orders/quote`, { token, body: orderBody(item.id, ["黑"], 2, 12_900) });
    expect(quote.body).toMatchObject({ subtotalFen: 25_800, deliveryFeeFen: 0, totalFen: 25_800 });
    const placed = await place(token, orderBody(item.id, ["黑"], 2, 12_900));
    expect(placed.status).toBe(201);
    const { order } = placed.body;
    expect(order).toMatchObject({
      status: "pendingPayment",
      statusName: "待付款",
      totalFen: 25_800,
      actions: ["cancel"],
      lines: [{ itemId: item.id, title: "手冲壶", skuOptions: ["黑"], quantity: 2, unitPriceFen: 12_900, lineTotalFen: 25_800 }],
      events: [{ action: "place", from: null, to: "pendingPayment", actor: "shopper" }],
    });
    expect(order.number).toMatch(/^\d{6}-\d{4}$/);
    expect(new Date(order.expiresAt).getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
    expect((await call("GET", `${shop.tenantId}/cart`, { token })).body.lines).toEqual([]);
    const { rows } = await admin.query("SELECT actor_id FROM order_events WHERE order_id = $1", [order.id]);
    expect(rows).toEqual([{ actor_id: shopper.id }]);
    const stock = await call("GET", `${shop.tenantId}/items/${item.id}/stock`);
    expect(stock.body).toEqual({ skus: [{ options: ["白"], stock: 10 }, { options: ["黑"], stock: 8 }] });
  });

  it("sells exactly the stock when 20 shoppers order 1 of 5 at once; the rest hear it is sold out", async () => {
    const item = await arrangeProduct(db, shop.tenantId, { title: "限量杯", priceFen: 3900, stock: 5 });
    const shoppers = await Promise.all(Array.from({ length: 20 }, () => login(shop)));
    const answers = await Promise.all(shoppers.map(({ token }) => place(token, orderBody(item.id, item.options[0]!, 1, 3900))));
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(5);
    const refused = answers.filter((answer) => answer.status === 409);
    expect(refused).toHaveLength(15);
    for (const answer of refused) {
      expect(answer.body.error.refusals).toEqual([expect.objectContaining({ code: "notEnoughStock", left: 0, message: "「限量杯」标准已售罄。" })]);
    }
    expect(await stockOf(item.id)).toBe(0);
    const { rows } = await admin.query("SELECT count(*)::int AS n FROM order_lines WHERE item_id = $1", [item.id]);
    expect(rows[0].n).toBe(5);
  });

  it("answers as soon as the order is committed when the phone pays separately, then pays it through /orders/:id/payment", async () => {
    const item = await arrangeProduct(db, shop.tenantId, { title: "分开付", priceFen: 2500, stock: 3 });
    const { token } = await login(shop);
    const key = randomUUID();
    const separately = { "Idempotency-Key": key, Prefer: "payment=separate" };
    const placed = await call("POST", `${shop.tenantId}/orders`, { token, body: orderBody(item.id, item.options[0]!, 1, 2500), headers: separately });
    expect([placed.status, placed.headers.get("Preference-Applied"), placed.body.payment]).toEqual([201, "payment=separate", null]);
    const { order } = placed.body;
    const [{ payment_no: paymentNo }] = (await admin.query("SELECT payment_no FROM orders WHERE id = $1", [order.id])).rows;
    // Nothing was asked of WeChat Pay while placing; a retry of the key is answered the same way.
    expect(pay.order(paymentNo)).toBeUndefined();
    const retried = await call("POST", `${shop.tenantId}/orders`, { token, body: orderBody(item.id, item.options[0]!, 1, 2500), headers: separately });
    expect([retried.body.order.id, retried.body.payment, retried.headers.get("Idempotent-Replayed")]).toEqual([order.id, null, "true"]);
    expect(pay.order(paymentNo)).toBeUndefined();

    // Another shopper's token finds no such order to pay.
    const stranger = await login(shop);
    expect((await call("POST", `${shop.tenantId}/orders/${order.id}/payment`, { token: stranger.token })).body.error.code).toBe("order.notFound");
    const asked = await call("POST", `${shop.tenantId}/orders/${order.id}/payment`, { token });
    expect(asked.status).toBe(200);
    expect(asked.body.payment).toMatchObject({ package: expect.stringMatching(/^prepay_id=/), signType: "RSA" });
    // WeChat Pay takes the money (¥25 and the ¥10 delivery) only with this order's prepay_id and the merchant's paySign.
    pay.pay(paymentNo, { requestPayment: asked.body.payment });
    const confirmed = await call("POST", `${shop.tenantId}/orders/${order.id}/payment/confirm`, { token });
    expect(confirmed.body).toMatchObject({ status: "paid", paidFen: 3500 });
    const again = await call("POST", `${shop.tenantId}/orders/${order.id}/payment`, { token });
    expect([again.status, again.body.error.code]).toEqual([409, "order.notPayable"]);
  });

  it("still hands a package uploaded before paying separately its payment in the placing answer", async () => {
    const item = await arrangeProduct(db, shop.tenantId, { title: "老版本", priceFen: 1800, stock: 3 });
    const { token } = await login(shop);
    const placed = await place(token, orderBody(item.id, item.options[0]!, 1, 1800));
    expect(placed.status).toBe(201);
    expect(placed.headers.get("Preference-Applied")).toBeNull();
    expect(placed.body.payment).toMatchObject({ package: expect.stringMatching(/^prepay_id=/), signType: "RSA", paySign: expect.any(String) });
    const [{ payment_no: paymentNo }] = (await admin.query("SELECT payment_no FROM orders WHERE id = $1", [placed.body.order.id])).rows;
    pay.pay(paymentNo, { requestPayment: placed.body.payment });
    const confirmed = await call("POST", `${shop.tenantId}/orders/${placed.body.order.id}/payment/confirm`, { token });
    expect(confirmed.body).toMatchObject({ status: "paid", paidFen: 2800 });
  });

  it("re-checks a remembered sell-out, so stock given back before its news arrives is sold, never refused", async () => {
    const item = await arrangeProduct(db, shop.tenantId, { title: "回补", priceFen: 990, stock: 1 });
    const [first, second, third] = await Promise.all([login(shop), login(shop), login(shop)]);
    expect((await place(first.token, orderBody(item.id, item.options[0]!, 1, 990))).status).toBe(201);
    // shop-api's memory of the store hears of the sell-out (its item answer comes from that memory).
    const remembered = async () => (await call("GET", `${shop.tenantId}/items/${item.id}`)).body.item.details.skus[0].stock as number;
    for (let pause = 20; (await remembered()) !== 0; pause = Math.min(pause * 2, 500)) await new Promise((resolve) => setTimeout(resolve, pause));
    expect((await place(second.token, orderBody(item.id, item.options[0]!, 1, 990))).body.error.refusals).toEqual([
      expect.objectContaining({ code: "notEnoughStock", left: 0 }),
    ]);
    // One unit comes back with its news held up (no trigger fires): the memory still says sold out.
    await admin.query("BEGIN");
    await admin.query("SET LOCAL session_replication_role = replica");
    await admin.query(`UPDATE catalog_items SET details = jsonb_set(details, '{skus,0,stock}', '1') WHERE id = $1`, [item.id]);
    await admin.query("COMMIT");
    expect(await remembered()).toBe(0);
    const placed = await place(third.token, orderBody(item.id, item.options[0]!, 1, 990));
    expect([placed.status, placed.body.order?.subtotalFen]).toEqual([201, 990]);
    expect(await stockOf(item.id)).toBe(0);
  });

  it("refuses more than is left, saying how many are left", async () => {
    const item = await arrangeProduct(db, shop.tenantId, { title: "茶饼", priceFen: 8800, stock: 3 });
    const { token } = await login(shop);
    const answer = await place(token, orderBody(item.id, item.options[0]!, 5, 8800), undefined);
    expect(answer.status).toBe(409);
    expect(answer.body.error.refusals[0]).toMatchObject({ code: "notEnoughStock", left: 3, requested: 5, message: "「茶饼」标准仅剩 3 件，请减少数量。" });
    expect(await stockOf(item.id)).toBe(3);
  });

  it("reserves all of an order's lines or none: one item short leaves the other's stock as it was", async () => {
    const [kettle, cups] = [
      await arrangeProduct(db, shop.tenantId, { title: "铁壶", priceFen: 20_000, stock: 5 }),
      await arrangeProduct(db, shop.tenantId, { title: "茶杯", priceFen: 3_000, stock: 1 }),
    ];
    const { token } = await login(shop);
    const line = (item: typeof kettle, quantity: number, priceFen: number) => ({ itemId: item.id, skuOptions: item.options[0]!, quantity, seenUnitPriceFen: priceFen });
    // The cups come in two lines of the same SKU: together they ask 2 of the 1 left.
    const body = { lines: [line(kettle, 2, 20_000), line(cups, 1, 3_000), line(cups, 1, 3_000)], delivery: pickupOff, note: "" };
    const answer = await place(token, body);
    expect(answer.status).toBe(409);
    expect(answer.body.error.refusals).toEqual([expect.objectContaining({ code: "notEnoughStock", line: 1, itemId: cups.id, requested: 2, left: 1 })]);
    expect([await stockOf(kettle.id), await stockOf(cups.id)]).toEqual([5, 1]);
    const placed = await place(token, { ...body, lines: body.lines.slice(0, 2) });
    expect(placed.status).toBe(201);
    expect([await stockOf(kettle.id), await stockOf(cups.id)]).toEqual([3, 0]);
  });

  it("places every order of a rush that stock allows when one of them, short of its second item, must undo its first", async () => {
    const [kettle, cups] = [
      await arrangeProduct(db, shop.tenantId, { title: "铁壶", priceFen: 20_000, stock: 10 }),
      await arrangeProduct(db, shop.tenantId, { title: "茶杯", priceFen: 3_000, stock: 1 }),
    ];
    const line = (item: typeof kettle, priceFen: number) => ({ itemId: item.id, skuOptions: item.options[0]!, quantity: 1, seenUnitPriceFen: priceFen });
    const kettleOnly = { lines: [line(kettle, 20_000)], delivery: pickupOff, note: "" };
    const kettleAndCup = { lines: [line(kettle, 20_000), line(cups, 3_000)], delivery: pickupOff, note: "" };
    const shoppers = await Promise.all(Array.from({ length: 10 }, () => login(shop)));
    // Both sets are read with one cup left; whichever is written second reserves its kettle, then finds no cup.
    const answers = await Promise.all(shoppers.map(({ token }, index) => place(token, index % 5 === 0 ? kettleAndCup : kettleOnly)));
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(9);
    const refused = answers.filter((answer) => answer.status === 409);
    expect(refused.map((answer) => answer.body.error.refusals)).toEqual([[expect.objectContaining({ code: "notEnoughStock", itemId: cups.id, left: 0 })]]);
    expect([await stockOf(kettle.id), await stockOf(cups.id)]).toEqual([1, 0]);
    const { rows } = await admin.query("SELECT item_id, count(*)::int AS n FROM order_lines WHERE item_id = ANY($1) GROUP BY item_id", [[kettle.id, cups.id]]);
    expect(Object.fromEntries(rows.map((row) => [row.item_id, row.n]))).toEqual({ [kettle.id]: 9, [cups.id]: 1 });
  });

  it("gives the fresh price when the price changed since the shopper saw it, and charges nothing it sent", async () => {
    const item = await arrangeProduct(db, shop.tenantId, { title: "蜂蜜", priceFen: 5000, stock: 10 });
    await db.scoped({ tenantId: shop.tenantId }, (tx) =>
      tx.$executeRaw`UPDATE catalog_items SET details = jsonb_set(details, '{skus,0,priceFen}', '5800') WHERE id = ${item.id}::uuid`,
    );
    const { token } = await login(shop);
    const answer = await place(token, orderBody(item.id, item.options[0]!, 1, 5000));
    expect(answer.status).toBe(409);
    expect(answer.body.error.refusals).toEqual([
      expect.objectContaining({ code: "priceChanged", seenFen: 5000, currentFen: 5800, message: "「蜂蜜」的价格已由 ¥50.00 变为 ¥58.00，请确认后再下单。" }),
    ]);
    expect(await stockOf(item.id)).toBe(10);
    const fresh = await place(token, orderBody(item.id, item.options[0]!, 1, 5800));
    expect([fresh.status, fresh.body.order.totalFen]).toEqual([201, 5800 + 1000]);
  });

  it("places one order for one Idempotency-Key, however often and however fast it is sent", async () => {
    const item = await arrangeProduct(db, shop.tenantId, { title: "重试", priceFen: 1000, stock: 10 });
    const { token } = await login(shop);
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 5 }, () => place(token, orderBody(item.id, item.options[0]!, 2, 1000), key)));
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((answer) => answer.body.order.id)).size).toBe(1);
    const later = await place(token, orderBody(item.id, item.options[0]!, 2, 1000), key);
    expect(later.body.order.id).toBe(answers[0]!.body.order.id);
    expect(later.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await stockOf(item.id)).toBe(8);
    // The same key from another shopper is theirs alone.
    const other = await place((await login(shop)).token, orderBody(item.id, item.options[0]!, 1, 1000), key);
    expect(other.body.order.id).not.toBe(answers[0]!.body.order.id);
    expect((await place(token, orderBody(item.id, item.options[0]!, 1, 1000), "")).body.error.code).toBe("idempotency.missing");
  });

  it("places nothing in a store that cannot take payment", async () => {
    const item = await arrangeProduct(db, rival.tenantId, { title: "未开通", priceFen: 1000, stock: 4 });
    const { token } = await login(rival);
    const ordering = await call("GET", `${rival.tenantId}/ordering`);
    expect(ordering.body).toMatchObject({ paymentsReady: false, unpaidMinutes: 15, delivery: { express: { enabled: true, feeFen: 1000 } } });
    const answer = await call("POST", `${rival.tenantId}/orders`, { token, body: orderBody(item.id, item.options[0]!, 1, 1000), headers: { "Idempotency-Key": randomUUID() } });
    expect([answer.status, answer.body.error.code]).toEqual([409, "payments.notSetUp"]);
    const { rows } = await admin.query("SELECT count(*)::int AS n FROM orders WHERE tenant_id = $1", [rival.tenantId]);
    expect(rows[0].n).toBe(0);
    expect((await call("GET", `${rival.tenantId}/items/${item.id}/stock`)).body.skus[0].stock).toBe(4);
    expect((await call("GET", `${shop.tenantId}/ordering`)).body.paymentsReady).toBe(true);
  });

  it("lets the shopper cancel an unpaid order, which gives its stock back, and refuses what the lifecycle forbids", async () => {
    const item = await arrangeProduct(db, shop.tenantId, { title: "取消", priceFen: 2000, stock: 2 });
    const { token } = await login(shop);
    const placed = await place(token, orderBody(item.id, item.options[0]!, 2, 2000));
    expect(await stockOf(item.id)).toBe(0);
    const path = `${shop.tenantId}/orders/${placed.body.order.id}/actions`;
    const early = await call("POST", path, { token, body: { action: "confirmReceipt" } });
    expect([early.status, early.body.error]).toEqual([409, { code: "order.transition", message: "订单待付款，不能确认收货。" }]);
    expect((await call("POST", path, { token, body: { action: "pay", amountFen: 4000 } })).status).toBe(400);
    const cancelled = await call("POST", path, { token, body: { action: "cancel", reason: "不想要了" } });
    expect(cancelled.body).toMatchObject({ status: "cancelled", statusName: "已取消", actions: [], expiresAt: null });
    expect(cancelled.body.events.map((event: { action: string }) => event.action)).toEqual(["place", "cancel"]);
    expect(await stockOf(item.id)).toBe(2);
  });
});

describe("the cart", () => {
  it("keeps the cart on the server: replace, merge a cart built before login (adding up, capped at 999), clear", async () => {
    const item = await arrangeProduct(db, shop.tenantId, { title: "购物车", priceFen: 100, stock: 10, options: ["大", "小"] });
    const { token } = await login(shop);
    const line = (options: string[], quantity: number) => ({ itemId: item.id, skuOptions: options, quantity, seenUnitPriceFen: 100 });
    const put = await call("PUT", `${shop.tenantId}/cart`, { token, body: { lines: [line(["大"], 2), line(["大"], 3), line(["小"], 990)] } });
    expect(put.body.lines.map((l: { skuOptions: string[]; quantity: number }) => [l.skuOptions, l.quantity])).toEqual([[["大"], 5], [["小"], 990]]);
    const merged = await call("POST", `${shop.tenantId}/cart/merge`, { token, body: { lines: [line(["小"], 20), line(["大"], 1)] } });
    const quantities = Object.fromEntries(merged.body.lines.map((l: { skuOptions: string[]; quantity: number }) => [l.skuOptions[0], l.quantity]));
    expect(quantities).toEqual({ 大: 6, 小: 999 });
    expect((await call("GET", `${shop.tenantId}/cart`, { token })).body.lines).toHaveLength(2);
    const bad = await call("PUT", `${shop.tenantId}/cart`, { token, body: { lines: [line(["大"], 0)] } });
    expect([bad.status, bad.body.error.code]).toEqual([400, "cart.invalid"]);
    expect((await call("PUT", `${shop.tenantId}/cart`, { token, body: { lines: [] } })).body.lines).toEqual([]);
  });
});

describe("write limits", () => {
  it("counts writes per shopper, so shoppers behind one address do not use up each other's", async () => {
    const limited = await startShopApi(testDatabaseUrl(), { WECHAT_API_BASE: fake.baseUrl, ...serviceProvider.env, SHOP_API_SHOPPER_WRITES_PER_SECOND: "1", KAIDIAN_MASTER_KEY: api.masterKey.toString("base64") });
    try {
      const putCart = (token: string) =>
        fetch(`${limited.url}/api/mp/v1/${shop.tenantId}/cart`, { method: "PUT", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: '{"lines":[]}' });
      const [busy, calm] = [await login(shop), await login(shop)];
      // 1 a second with bursts of 15: 30 at once leave at least 10 refused.
      const answers = await Promise.all(Array.from({ length: 30 }, () => putCart(busy.token)));
      expect(answers.filter((answer) => answer.status === 429).length).toBeGreaterThanOrEqual(10);
      expect(answers.filter((answer) => answer.status === 200).length).toBeGreaterThanOrEqual(15);
      // Same address, another shopper: a full allowance of their own.
      expect((await putCart(calm.token)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
