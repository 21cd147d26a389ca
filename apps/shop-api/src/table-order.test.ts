// @vitest-environment jsdom
// Ordering at a table as a diner does it: the generated restaurant package in the page harness (miniprogram-simulate),
// talking over HTTP to a real shop-api on PostgreSQL, logging in at the fake WeChat API and paying at the fake WeChat
// Pay. The basket goes to the kitchen as a round of the table's tab; the tab is paid at the end; the notification
// closes it.
import { randomBytes } from "node:crypto";
import { tap } from "@kaidian/generator/testing/shopper";
import { kitchenRounds, loadOrder, sendRound } from "@kaidian/orders/server";
import { wechatpayConnection } from "@kaidian/payments";
import { arrangeRestaurant, type TestRestaurant } from "@kaidian/orders/testing";
import type { FakeRequestPayment } from "@kaidian/payments/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPhoneHarness, type Phone, type PhoneHarness } from "./phone-harness";

let harness: PhoneHarness;
let store: TestRestaurant;
let phone: Phone;

beforeAll(async () => {
  harness = await startPhoneHarness({ serviceProvider: true });
  const { db, pay, wechat, masterKey } = harness;
  store = await arrangeRestaurant(db, { name: "老街面馆", masterKey, serviceProvider: harness.serviceProvider!, registerApp: (app) => wechat.registerApp(app), payment: "payAtEnd" });
  const packageDir = await harness.generate({ tenantId: store.tenantId, appid: store.appid, slug: "noodles", templateId: "restaurant" });
  phone = harness.phone(packageDir, store.appid, {
    pay: async (params) => {
      const bill = await db.scoped({ tenantId: store.tenantId }, (tx) => tx.order.findFirstOrThrow({ where: { delivery: "dineIn" }, orderBy: { createdAt: "desc" }, select: { paymentNo: true } }));
      pay.pay(bill.paymentNo, { requestPayment: params as FakeRequestPayment });
      return "paid" as const;
    },
  });
}, 300_000);

afterAll(async () => {
  await harness?.close();
});

const open = (query: Record<string, string>) => phone.open("pages/order/index", query);

describe("a diner at a pay-at-end table", () => {
  it("sends the basket to the kitchen as a round of the table's tab, sees another diner's round, and pays the tab at the end", async () => {
    const { db, pay, masterKey, shopApi } = harness;
    const table = store.tables[0]!;
    phone.storage.set("kd-basket", [{ key: `${store.dishes.rice}|[]`, itemId: store.dishes.rice, options: [], quantity: 2 }]);
    const page = await open({ t: table.code });
    await tap(page, ".kd-button", "选好了");
    expect(page.text()).not.toContain("不会发送到后厨");
    await tap(page, ".kd-order__send");
    await page.settle();
    expect(page.text()).toContain("第 1 轮 · 制作中");
    expect(page.text()).toContain("米饭 × 2");
    const kitchen = await db.scoped({ tenantId: store.tenantId }, (tx) => kitchenRounds(tx));
    expect(kitchen.map((round) => [round.tableName, round.number, round.totalFen])).toEqual([["A1", 1, 400]]);
    phone.keep(page);

    // Another diner at the table sends a round from their own phone.
    const other = await db.scoped({ tenantId: store.tenantId }, (tx) => tx.shopper.create({ data: { tenantId: store.tenantId, openid: `o${randomBytes(12).toString("hex")}` } }));
    const payments = { masterKey, provider: null, connection: wechatpayConnection({}), shopApiUrl: shopApi.url };
    const second = await sendRound(db, { tenantId: store.tenantId, shopperId: other.id, tableCode: table.code, body: { lines: [{ itemId: store.dishes.rice, quantity: 1, seenUnitPriceFen: 200 }] }, payments });
    expect(second).toMatchObject({ ok: true, round: { number: 2 } });

    // The tab's bill on the order page: paid at the end, so it offers no cancel the server would refuse.
    const billPage = await phone.open("pages/order-detail/index", { id: kitchen[0]!.orderId });
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
