// Takeaway pickup numbers against the real PostgreSQL: given at payment to a restaurant's pickup orders only, distinct
// and consecutive under concurrent payments, starting at 1 each day in Asia/Shanghai; then ready, then picked up.
import { Database } from "@kaidian/db";
import { testDatabase, testDatabaseUrl } from "@kaidian/db/testing";
import { arrangeStore } from "@kaidian/storefront/testing";
import { afterAll, describe, expect, it } from "vitest";
import type { Actor } from "../lifecycle";
import { changeOrder, loadOrder, orderView } from "./index";
import { seedOrder, TEST_ADDRESS } from "./seeded-orders";

const db = testDatabase();
afterAll(() => db.disconnect());

const notification: Actor = { role: "paymentNotification", id: null };
const staff: Actor = { role: "merchantStaff", id: null };
const pickup = { method: "pickup" as const, pickupAddress: "老街 8 号" };
const line = { title: "牛肉面", unitPriceFen: 2800, quantity: 1 };

async function unpaid(tenantId: string, delivery: Parameters<typeof seedOrder>[2]["delivery"] = pickup) {
  return db.scoped({ tenantId }, (tx) => seedOrder(tx, tenantId, { lines: [line], delivery, paid: false }));
}

const pay = (database: Database, tenantId: string, orderId: string, at?: Date) =>
  database.scoped({ tenantId }, (tx) => changeOrder(tx, { orderId, command: { action: "pay", amountFen: 2800 }, actor: notification, ...(at ? { at } : {}) }));

describe("pickup numbers", () => {
  it("numbers 30 takeaways paid at once 1 to 30, and none for express orders or another template's pickups", async () => {
    const tenantId = await arrangeStore(db, { name: "外卖面馆", templateId: "restaurant" });
    const orders = [];
    for (let i = 0; i < 30; i++) orders.push(await unpaid(tenantId));
    const busy = new Database(testDatabaseUrl(), { maxConnections: 10, transactionWaitMs: 60_000 });
    const paid = await Promise.all(orders.map((order) => pay(busy, tenantId, order.id))).finally(() => busy.disconnect());
    expect(paid.map((result) => (result.ok ? result.order.pickupNumber : null)).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const express = await unpaid(tenantId, { method: "express", address: TEST_ADDRESS });
    expect(await pay(db, tenantId, express.id)).toMatchObject({ ok: true, order: { pickupNumber: null } });

    const shop = await arrangeStore(db, { name: "杂货铺", templateId: "ecommerce" });
    const shopPickup = await unpaid(shop);
    expect(await pay(db, shop, shopPickup.id)).toMatchObject({ ok: true, order: { status: "paid", pickupNumber: null } });
  });

  it("starts again at 1 at midnight in Asia/Shanghai", async () => {
    const tenantId = await arrangeStore(db, { name: "夜宵外卖", templateId: "restaurant" });
    const [a, b, c] = [await unpaid(tenantId), await unpaid(tenantId), await unpaid(tenantId)];
    const numbers = [];
    for (const [order, at] of [[a!, "2026-12-07T15:59:00Z"], [b!, "2026-12-07T15:59:59Z"], [c!, "2026-12-07T16:00:01Z"]] as const) {
      const result = await pay(db, tenantId, order.id, new Date(at));
      numbers.push(result.ok ? result.order.pickupNumber : null);
    }
    expect(numbers).toEqual([1, 2, 1]);
  });

  it("is marked ready by the merchant, then picked up; the shopper sees the number and the status", async () => {
    const tenantId = await arrangeStore(db, { name: "出餐测试", templateId: "restaurant" });
    const order = await unpaid(tenantId);
    await pay(db, tenantId, order.id);
    const change = (action: "markReady" | "pickUp", actor: Actor = staff) =>
      db.scoped({ tenantId }, (tx) => changeOrder(tx, { orderId: order.id, command: { action }, actor }));
    expect(await change("markReady", { role: "shopper", id: null })).toMatchObject({ ok: false, refusal: { code: "notPermitted" } });
    const ready = await change("markReady");
    expect(ready.ok && orderView(ready.order, "zh-CN")).toMatchObject({ status: "ready", statusName: "待取餐", pickupNumber: "001" });
    expect(await change("markReady")).toMatchObject({ ok: false, refusal: { code: "illegalTransition", status: "ready" } });
    expect(await change("pickUp")).toMatchObject({ ok: true, order: { status: "completed" } });
    const done = (await db.scoped({ tenantId }, (tx) => loadOrder(tx, order.id)))!;
    expect(done.events.map((event) => [event.action, event.to])).toEqual([["place", "pendingPayment"], ["pay", "paid"], ["markReady", "ready"], ["pickUp", "completed"]]);
  });
});
