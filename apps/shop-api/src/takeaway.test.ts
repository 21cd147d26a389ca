// @vitest-environment jsdom
// A takeaway as a shopper does it on their phone: the generated restaurant package in the page harness
// (miniprogram-simulate), talking over HTTP to a real shop-api on PostgreSQL, logging in at the fake WeChat API and
// paying at the fake WeChat Pay. The menu's 外带 leads to the checkout (pickup, paid first); the "ready" message is
// asked for before paying; the order page shows the pickup number, and "ready" once the merchant marks it.
import { randomBytes } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import os from "node:os";
import path from "node:path";
import { Database } from "@kaidian/db";
import { freePort, isolatedTestDatabase } from "@kaidian/db/testing";
import { generatePackage } from "@kaidian/generator";
import { renderPage, type RenderedPage, type Responder } from "@kaidian/generator/testing";
import { find, tap } from "@kaidian/generator/testing/shopper";
import { saveTemplate } from "@kaidian/messages/server";
import { changeOrder, loadOrder, notifyOrderReady } from "@kaidian/orders/server";
import { arrangeRestaurant, type TestRestaurant } from "@kaidian/orders/testing";
import { arrangeServiceProvider, startFakeWechatPay, type FakeRequestPayment, type FakeWechatPay, type TestServiceProvider } from "@kaidian/payments/testing";
import { loadSiteSnapshot } from "@kaidian/storefront";
import { startFakeWechatApi, type FakeWechatApi } from "@kaidian/wechat/testing";
import { MiniProgramServerApi, wechatApiSettings } from "@kaidian/wechat/server-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startShopApi, type RunningShopApi } from "./testing";

const READY = "orderReadyTemplate-takeaway-0123456789abc";
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
  wechat.registerTemplate({ appid: restaurant.appid, templateId: READY, keywords: ["character_string1", "thing2"] });
  await db.scoped({ tenantId: restaurant.tenantId }, async (tx) => {
    await tx.orderSettings.create({
      data: { tenantId: restaurant.tenantId, deliveryRules: { express: { enabled: false, feeFen: 0, freeFromFen: null }, pickup: { enabled: true, address: "老街 8 号" } }, revision: 1 },
    });
    await saveTemplate(tx, restaurant.tenantId, "orderReady", { templateId: READY, keywords: { number: "character_string1", store: "thing2" } }, restaurant.tenantId);
  });
  const snapshot = await loadSiteSnapshot(db, restaurant.tenantId, { apiBaseUrl: `${shopApi.url}/api/mp/v1/${restaurant.tenantId}` });
  const outDir = await mkdtemp(path.join(os.tmpdir(), "kaidian-takeaway-"));
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

async function open(pagePath: string, query: Record<string, string> = {}): Promise<RenderedPage> {
  const page = await renderPage(store.packageDir, pagePath, {
    query,
    storage: Object.fromEntries(phone),
    wx: {
      respond: overHttp,
      shopper: {
        loginCode: () => wechat.issueLoginCode(store.appid, { openid }),
        subscribe: (ids) => {
          for (const id of ids) wechat.acceptSubscription(store.appid, openid, id);
          return "accept";
        },
        pay: async (params) => {
          const order = await db.scoped({ tenantId: store.tenantId }, (tx) => tx.order.findFirstOrThrow({ where: { delivery: "pickup" }, orderBy: { createdAt: "desc" }, select: { paymentNo: true } }));
          pay.pay(order.paymentNo, { requestPayment: params as FakeRequestPayment });
          return "paid" as const;
        },
      },
    },
  });
  await page.settle();
  return page;
}

function keep(page: RenderedPage) {
  for (const [key, value] of page.wx.storage) phone.set(key, value);
  page.detach();
}

describe("a takeaway shopper", () => {
  it("picks 外带, checks out for pickup, accepts the ready message before paying, and sees the pickup number and when it is ready", async () => {
    const spicy = [{ group: "辣度", name: "特辣" }];
    phone.set("kd-basket", [
      { key: `${store.dishes.chicken}|${JSON.stringify(spicy)}`, itemId: store.dishes.chicken, options: spicy, quantity: 1 },
      { key: `${store.dishes.rice}|[]`, itemId: store.dishes.rice, options: [], quantity: 2 },
    ]);
    const menu = await open("pages/order/index");
    await tap(menu, ".kd-menu__mode", "外带");
    await tap(menu, ".kd-button", "选好了");
    expect(menu.text()).not.toContain("向服务员出示");
    await tap(menu, ".kd-order__takeaway");
    expect(menu.wx.calls.filter((call) => call.api === "navigateTo").map((call) => call.options.url)).toEqual(["/pages/checkout/index?from=takeaway"]);
    keep(menu);

    const checkout = await open("pages/checkout/index", { from: "takeaway" });
    expect(checkout.text()).toContain("外带 · 付款后凭取餐号到店取餐");
    expect(checkout.text()).toContain("老街 8 号");
    expect(checkout.root.querySelector(".kd-checkout__address")).toBeNull();
    // 宫保鸡丁 特辣 ¥33 + 米饭 ¥2 × 2, priced by shop-api.
    expect(find(checkout, ".kd-bottom-bar").textContent).toContain("¥37");
    await tap(checkout, ".kd-checkout__pay");
    await pay.idle();
    // The ready message was asked for from the pay tap (WeChat allows it only from a tap), then the pay sheet.
    expect(checkout.wx.calls.filter((call) => ["requestSubscribeMessage", "requestPayment"].includes(call.api)).map((call) => call.api)).toEqual(["requestSubscribeMessage", "requestPayment"]);
    expect(checkout.wx.calls.find((call) => call.api === "requestSubscribeMessage")!.options.tmplIds).toEqual([READY]);
    const redirect = checkout.wx.calls.find((call) => call.api === "redirectTo")!;
    const orderId = new URL(`http://phone${String(redirect.options.url)}`).searchParams.get("id")!;
    keep(checkout);
    // The paid dishes left the basket.
    expect(phone.get("kd-basket")).toEqual([]);

    const detail = await open("pages/order-detail/index", { id: orderId, confirm: "1" });
    const placed = await db.scoped({ tenantId: store.tenantId }, (tx) => loadOrder(tx, orderId));
    expect(placed).toMatchObject({ status: "paid", delivery: "pickup", totalFen: 3700, pickupAddress: "老街 8 号" });
    const number = String(placed!.pickupNumber).padStart(3, "0");
    expect(detail.text()).toContain(`取餐号${number}`);
    expect(detail.text()).toContain("正在制作，备好后会通知你");
    keep(detail);

    // The kitchen marks it ready (the dashboard's action): the accepted message reaches the shopper.
    const ready = await db.scoped({ tenantId: store.tenantId }, (tx) => changeOrder(tx, { orderId, command: { action: "markReady" }, actor: { role: "merchantStaff", id: null } }));
    if (!ready.ok) throw new Error("not marked ready");
    const api = new MiniProgramServerApi({ db, masterKey, settings: wechatApiSettings({ WECHAT_API_BASE: wechat.baseUrl }) });
    expect(await notifyOrderReady(db, api, masterKey, ready.order)).toBe("sent");
    expect(wechat.sentMessages.at(-1)).toMatchObject({ templateId: READY, page: `pages/order-detail/index?id=${orderId}`, data: { character_string1: number } });

    const again = await open("pages/order-detail/index", { id: orderId });
    expect(again.text()).toContain("待取餐");
    expect(again.text()).toContain("已备好，请到店凭取餐号取餐");
    expect(again.root.querySelector(".kd-order__cancel")).toBeNull();
  });
});
