// @vitest-environment jsdom
// A takeaway as a shopper does it on their phone: the generated restaurant package in the page harness
// (miniprogram-simulate), talking over HTTP to a real shop-api on PostgreSQL, logging in at the fake WeChat API and
// paying at the fake WeChat Pay. The menu's 外带 leads to the checkout (pickup, paid first); the "ready" message is
// asked for before paying; the order page shows the pickup number, and "ready" once the merchant marks it.
import { find, tap } from "@kaidian/generator/testing/shopper";
import { saveTemplate } from "@kaidian/messages/server";
import { changeOrder, loadOrder, notifyOrderReady } from "@kaidian/orders/server";
import { arrangeRestaurant, type TestRestaurant } from "@kaidian/orders/testing";
import type { FakeRequestPayment } from "@kaidian/payments/testing";
import { MiniProgramServerApi, wechatApiSettings } from "@kaidian/wechat/server-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Phone, type PhoneHarness, startPhoneHarness } from "./phone-harness";

const READY = "orderReadyTemplate-takeaway-0123456789abc";
let harness: PhoneHarness;
let store: TestRestaurant & { packageDir: string };
let phone: Phone;

beforeAll(async () => {
  harness = await startPhoneHarness({ serviceProvider: true });
  const { db, wechat, pay } = harness;
  const restaurant = await arrangeRestaurant(db, { name: "老街面馆", masterKey: harness.masterKey, serviceProvider: harness.serviceProvider, registerApp: (app) => wechat.registerApp(app), payment: "payAtEnd" });
  wechat.registerTemplate({ appid: restaurant.appid, templateId: READY, keywords: ["character_string1", "thing2"] });
  await db.scoped({ tenantId: restaurant.tenantId }, async (tx) => {
    await tx.orderSettings.create({
      data: { tenantId: restaurant.tenantId, deliveryRules: { express: { enabled: false, feeFen: 0, freeFromFen: null }, pickup: { enabled: true, address: "老街 8 号" } }, revision: 1 },
    });
    await saveTemplate(tx, restaurant.tenantId, "orderReady", { templateId: READY, keywords: { number: "character_string1", store: "thing2" } }, restaurant.tenantId);
  });
  store = { ...restaurant, packageDir: await harness.generate({ tenantId: restaurant.tenantId, appid: restaurant.appid, slug: "noodles", templateId: "restaurant" }) };
  phone = harness.phone(store.packageDir, store.appid, {
    subscribe: (ids) => {
      for (const id of ids) wechat.acceptSubscription(store.appid, phone.openid, id);
      return "accept";
    },
    pay: async (params) => {
      const order = await db.scoped({ tenantId: store.tenantId }, (tx) => tx.order.findFirstOrThrow({ where: { delivery: "pickup" }, orderBy: { createdAt: "desc" }, select: { paymentNo: true } }));
      pay.pay(order.paymentNo, { requestPayment: params as FakeRequestPayment });
      return "paid" as const;
    },
  });
}, 300_000);

afterAll(() => harness?.close());

describe("a takeaway shopper", () => {
  it("picks 外带, checks out for pickup, accepts the ready message before paying, and sees the pickup number and when it is ready", async () => {
    const spicy = [{ group: "辣度", name: "特辣" }];
    phone.storage.set("kd-basket", [
      { key: `${store.dishes.chicken}|${JSON.stringify(spicy)}`, itemId: store.dishes.chicken, options: spicy, quantity: 1 },
      { key: `${store.dishes.rice}|[]`, itemId: store.dishes.rice, options: [], quantity: 2 },
    ]);
    const menu = await phone.open("pages/order/index");
    await tap(menu, ".kd-menu__mode", "外带");
    await tap(menu, ".kd-button", "选好了");
    expect(menu.text()).not.toContain("向服务员出示");
    await tap(menu, ".kd-order__takeaway");
    expect(menu.wx.calls.filter((call) => call.api === "navigateTo").map((call) => call.options.url)).toEqual(["/pages/checkout/index?from=takeaway"]);
    phone.keep(menu);

    const checkout = await phone.open("pages/checkout/index", { from: "takeaway" });
    expect(checkout.text()).toContain("外带 · 付款后凭取餐号到店取餐");
    expect(checkout.text()).toContain("老街 8 号");
    expect(checkout.root.querySelector(".kd-checkout__address")).toBeNull();
    // 宫保鸡丁 特辣 ¥33 + 米饭 ¥2 × 2, priced by shop-api.
    expect(find(checkout, ".kd-bottom-bar").textContent).toContain("¥37");
    await tap(checkout, ".kd-checkout__pay");
    await harness.pay.idle();
    // The ready message was asked for from the pay tap (WeChat allows it only from a tap), then the pay sheet.
    expect(checkout.wx.calls.filter((call) => ["requestSubscribeMessage", "requestPayment"].includes(call.api)).map((call) => call.api)).toEqual(["requestSubscribeMessage", "requestPayment"]);
    expect(checkout.wx.calls.find((call) => call.api === "requestSubscribeMessage")!.options.tmplIds).toEqual([READY]);
    const redirect = checkout.wx.calls.find((call) => call.api === "redirectTo")!;
    const orderId = new URL(`http://phone${String(redirect.options.url)}`).searchParams.get("id")!;
    phone.keep(checkout);
    // The paid dishes left the basket.
    expect(phone.storage.get("kd-basket")).toEqual([]);

    const detail = await phone.open("pages/order-detail/index", { id: orderId, confirm: "1" });
    const placed = await harness.db.scoped({ tenantId: store.tenantId }, (tx) => loadOrder(tx, orderId));
    expect(placed).toMatchObject({ status: "paid", delivery: "pickup", totalFen: 3700, pickupAddress: "老街 8 号" });
    const number = String(placed!.pickupNumber).padStart(3, "0");
    expect(detail.text()).toContain(`取餐号${number}`);
    expect(detail.text()).toContain("正在制作，备好后会通知你");
    phone.keep(detail);

    // The kitchen marks it ready (the dashboard's action): the accepted message reaches the shopper.
    const ready = await harness.db.scoped({ tenantId: store.tenantId }, (tx) => changeOrder(tx, { orderId, command: { action: "markReady" }, actor: { role: "merchantStaff", id: null } }));
    if (!ready.ok) throw new Error("not marked ready");
    const api = new MiniProgramServerApi({ db: harness.db, masterKey: harness.masterKey, settings: wechatApiSettings({ WECHAT_API_BASE: harness.wechat.baseUrl }) });
    expect(await notifyOrderReady(harness.db, api, harness.masterKey, ready.order)).toBe("sent");
    expect(harness.wechat.sentMessages.at(-1)).toMatchObject({ templateId: READY, page: `pages/order-detail/index?id=${orderId}`, data: { character_string1: number } });

    const again = await phone.open("pages/order-detail/index", { id: orderId });
    expect(again.text()).toContain("待取餐");
    expect(again.text()).toContain("已备好，请到店凭取餐号取餐");
    expect(again.root.querySelector(".kd-order__cancel")).toBeNull();
  });
});
