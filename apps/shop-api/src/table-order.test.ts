// @vitest-environment jsdom
// Ordering at a table as a diner does it: the generated restaurant package in the page harness (miniprogram-simulate),
// talking over HTTP to a real shop-api on PostgreSQL, logging in at the fake WeChat API and paying at the fake WeChat
// Pay. The basket goes to the kitchen as a round of the table's tab; the tab is paid at the end; the notification
// closes it.
import { randomBytes } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import os from "node:os";
import path from "node:path";
import { Database } from "@kaidian/db";
import { freePort, isolatedTestDatabase } from "@kaidian/db/testing";
import { generatePackage } from "@kaidian/generator";
import { renderPage, type RenderedPage, type Responder } from "@kaidian/generator/testing";
import { tap } from "@kaidian/generator/testing/shopper";
import { kitchenRounds, loadOrder, sendRound } from "@kaidian/orders/server";
import { wechatpayConnection } from "@kaidian/payments";
import { arrangeRestaurant, type TestRestaurant } from "@kaidian/orders/testing";
import { arrangeServiceProvider, startFakeWechatPay, type FakeRequestPayment, type FakeWechatPay, type TestServiceProvider } from "@kaidian/payments/testing";
import { loadSiteSnapshot } from "@kaidian/storefront";
import { startFakeWechatApi, type FakeWechatApi } from "@kaidian/wechat/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startShopApi, type RunningShopApi } from "./testing";

const masterKey = randomBytes(32);
let database: { url: string; drop(): Promise<void> };
let db: Database;
let pay: FakeWechatPay;
let sp: TestServiceProvider;
let wechat: FakeWechatApi;
let shopApi: RunningShopApi;
let store: TestRestaurant & { packageDir: string };
const openid = `o${randomBytes(12).toString("hex")}`;

/** wx.request answered by the real shop-api over HTTP (node:http: jsdom's fetch would apply a browser's rules). */
const overHttp: Responder = (request) =>
  new Promise((resolve) => {
    const body = request.method === "GET" ? undefined : JSON.stringify(request.data ?? {});
    const sent = httpRequest(request.url, { method: request.method, headers: { ...request.header, ...(body ? { "Content-Type": "application/json" } : {}) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ statusCode: response.statusCode ?? 0, data: text ? JSON.parse(text) : "", header: response.headers as Record<string, string> });
      });
    });
    sent.on("error", () => resolve("fail"));
    sent.end(body);
  });

beforeAll(async () => {
  database = await isolatedTestDatabase();
  db = new Database(database.url, { maxConnections: 4 });
  pay = await startFakeWechatPay();
  sp = await arrangeServiceProvider(pay);
  wechat = await startFakeWechatApi();
  const port = await freePort();
  shopApi = await startShopApi(database.url, {
    KAIDIAN_MASTER_KEY: masterKey.toString("base64"),
    WECHAT_API_BASE: wechat.baseUrl,
    ...sp.env,
    SHOP_API_PORT: String(port),
    SHOP_API_PUBLIC_URL: `http://127.0.0.1:${port}`,
  });
  const restaurant = await arrangeRestaurant(db, { name: "老街面馆", masterKey, serviceProvider: sp, registerApp: (app) => wechat.registerApp(app), payment: "payAtEnd" });
  const snapshot = await loadSiteSnapshot(db, restaurant.tenantId, { apiBaseUrl: `${shopApi.url}/api/mp/v1/${restaurant.tenantId}` });
  const outDir = await mkdtemp(path.join(os.tmpdir(), "kaidian-table-order-"));
  const generated = await generatePackage({ tenant: { id: restaurant.tenantId, slug: "noodles" }, appid: restaurant.appid, templateId: "restaurant", snapshot: snapshot! }, { outDir });
  if (!generated.ok) throw new Error(generated.problems.map((problem) => problem.message).join("\n"));
  store = { ...restaurant, packageDir: generated.written!.dir };
}, 300_000);

afterAll(async () => {
  await shopApi?.close();
  await pay?.close();
  await sp?.dispose();
  await wechat?.close();
  await db?.disconnect();
  await database?.drop();
});

const phone = new Map<string, unknown>();

async function open(query: Record<string, string>): Promise<RenderedPage> {
  const page = await renderPage(store.packageDir, "pages/order/index", {
    query,
    storage: Object.fromEntries(phone),
    wx: {
      respond: overHttp,
      shopper: {
        loginCode: () => wechat.issueLoginCode(store.appid, { openid }),
        pay: async (params) => {
          const bill = await db.scoped({ tenantId: store.tenantId }, (tx) => tx.order.findFirstOrThrow({ where: { delivery: "dineIn" }, orderBy: { createdAt: "desc" }, select: { paymentNo: true } }));
          pay.pay(bill.paymentNo, { requestPayment: params as FakeRequestPayment });
          return "paid" as const;
        },
      },
    },
  });
  await page.settle();
  return page;
}

describe("a diner at a pay-at-end table", () => {
  it("sends the basket to the kitchen as a round of the table's tab, sees another diner's round, and pays the tab at the end", async () => {
    const table = store.tables[0]!;
    phone.set("kd-basket", [{ key: `${store.dishes.rice}|[]`, itemId: store.dishes.rice, options: [], quantity: 2 }]);
    const page = await open({ t: table.code });
    await tap(page, ".kd-button", "选好了");
    expect(page.text()).not.toContain("不会发送到后厨");
    await tap(page, ".kd-order__send");
    await page.settle();
    expect(page.text()).toContain("第 1 轮 · 制作中");
    expect(page.text()).toContain("米饭 × 2");
    const kitchen = await db.scoped({ tenantId: store.tenantId }, (tx) => kitchenRounds(tx));
    expect(kitchen.map((round) => [round.tableName, round.number, round.totalFen])).toEqual([["A1", 1, 400]]);
    for (const [key, value] of page.wx.storage) phone.set(key, value);
    page.detach();

    // Another diner at the table sends a round from their own phone.
    const other = await db.scoped({ tenantId: store.tenantId }, (tx) => tx.shopper.create({ data: { tenantId: store.tenantId, openid: `o${randomBytes(12).toString("hex")}` } }));
    const payments = { masterKey, provider: null, connection: wechatpayConnection({}), shopApiUrl: shopApi.url };
    const second = await sendRound(db, { tenantId: store.tenantId, shopperId: other.id, tableCode: table.code, body: { lines: [{ itemId: store.dishes.rice, quantity: 1, seenUnitPriceFen: 200 }] }, payments });
    expect(second).toMatchObject({ ok: true, round: { number: 2 } });

    // The tab's bill on the order page: paid at the end, so it offers no cancel the server would refuse.
    const billPage = await renderPage(store.packageDir, "pages/order-detail/index", { query: { id: kitchen[0]!.orderId }, storage: Object.fromEntries(phone), wx: { respond: overHttp } });
    await billPage.settle();
    expect(billPage.text()).toContain("待付款");
    expect(billPage.root.querySelector(".kd-order__cancel")).toBeNull();
    billPage.detach();

    const again = await open({ t: table.code });
    expect(again.text()).toContain("第 2 轮 · 制作中");
    expect(again.text()).toContain("本桌合计¥6");

    await tap(again, ".kd-order__pay-tab");
    await pay.idle();
    await again.settle();
    const bill = await db.scoped({ tenantId: store.tenantId }, async (tx) => loadOrder(tx, kitchen[0]!.orderId));
    expect(bill).toMatchObject({ status: "paid", totalFen: 600, delivery: "dineIn" });
    expect(bill!.events.map((event) => event.action)).toEqual(["place", "addRound", "pay"]);
    expect(await db.scoped({ tenantId: store.tenantId }, (tx) => tx.diningTab.count({ where: { status: "open" } }))).toBe(0);
  });
});
