import { randomUUID } from "node:crypto";
import { arrangeCatalogStore } from "@kaidian/catalog/testing";
import { superuser, testDatabase } from "@kaidian/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../lifecycle";
import { changeOrder, loadOrder, reserveStock, stockLeft } from "./index";

const db = testDatabase();
afterAll(() => db.disconnect());

const shopper = (id: string): Actor => ({ role: "shopper", id });
const notification: Actor = { role: "paymentNotification", id: null };
const staff: Actor = { role: "merchantStaff", id: null };
const SKU = ["250g"];

let store: { tenantId: string; itemId: string; shopperId: string };

beforeAll(async () => {
  const arranged = await arrangeCatalogStore(db, "product"); // its first item: SKU 250g with 5 in stock
  const shopperId = await db.scoped({ tenantId: arranged.tenantId }, async (tx) =>
    (await tx.shopper.create({ data: { tenantId: arranged.tenantId, openid: `o-${randomUUID()}` } })).id,
  );
  store = { tenantId: arranged.tenantId, itemId: arranged.items[0]!, shopperId };
});

/** An unpaid order of `quantity` of the SKU, its stock reserved as placing it would. */
async function placed(quantity: number, delivery: "express" | "pickup" = "express") {
  return db.scoped({ tenantId: store.tenantId }, async (tx) => {
    const reservation = await reserveStock(tx, { itemId: store.itemId, skuOptions: SKU, quantity });
    if (!reservation.ok) throw new Error(`only ${reservation.left} left`);
    const totalFen = 6800 * quantity;
    const order = await tx.order.create({
      data: {
        tenantId: store.tenantId,
        number: `T-${randomUUID().slice(0, 8)}`,
        shopperId: store.shopperId,
        status: "pendingPayment",
        delivery,
        subtotalFen: totalFen,
        deliveryFeeFen: 0,
        totalFen,
        paymentNo: randomUUID().replaceAll("-", ""),
        expiresAt: new Date(Date.now() + 15 * 60_000),
      },
    });
    await tx.orderLine.create({
      data: { tenantId: store.tenantId, orderId: order.id, position: 0, itemId: store.itemId, kind: "product", title: "第一", skuOptions: SKU, quantity, unitPriceFen: 6800, lineTotalFen: totalFen, stockReserved: true },
    });
    return { id: order.id, totalFen };
  });
}

const left = () => db.scoped({ tenantId: store.tenantId }, (tx) => stockLeft(tx, { itemId: store.itemId, skuOptions: SKU }));
const setStock = (stock: number) =>
  db.scoped({ tenantId: store.tenantId }, (tx) =>
    tx.$executeRaw`UPDATE catalog_items SET details = jsonb_set(details, '{skus,0,stock}', to_jsonb(${stock}::int)) WHERE id = ${store.itemId}::uuid`,
  );

describe("stock reservations", () => {
  it("sell exactly what is in stock when 20 shoppers race for 5, and tell the others how many are left", async () => {
    await setStock(5);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => db.scoped({ tenantId: store.tenantId }, (tx) => reserveStock(tx, { itemId: store.itemId, skuOptions: SKU, quantity: 1 }))),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(5);
    expect(results.filter((result) => !result.ok)).toEqual(Array.from({ length: 15 }, () => ({ ok: false, left: 0 })));
    expect(await left()).toBe(0);
  });

  it("refuses more than is left, naming what is left, and takes nothing", async () => {
    await setStock(2);
    const result = await db.scoped({ tenantId: store.tenantId }, (tx) => reserveStock(tx, { itemId: store.itemId, skuOptions: SKU, quantity: 3 }));
    expect(result).toEqual({ ok: false, left: 2 });
    expect(await left()).toBe(2);
  });

  it("leaves the item's revision alone, so a merchant editing it is not refused because of a sale", async () => {
    await setStock(3);
    const revision = () => db.scoped({ tenantId: store.tenantId }, async (tx) => (await tx.catalogItem.findFirstOrThrow({ where: { id: store.itemId } })).revision);
    const before = await revision();
    await placed(1);
    expect(await revision()).toBe(before);
  });

  it("changes shoppers' cached store only when a SKU sells out, not at every sale", async () => {
    await setStock(2);
    const admin = await superuser();
    const version = async () =>
      (await admin.query<{ version: string }>("SELECT version FROM storefront_versions WHERE tenant_id = $1", [store.tenantId])).rows[0]?.version;
    try {
      const start = await version();
      await placed(1);
      expect(await version()).toBe(start);
      await placed(1);
      expect(await version()).not.toBe(start);
    } finally {
      await admin.end();
    }
  });
});

describe("changing an order", () => {
  it("records a cancellation with who and why, gives the stock back once, and refuses a second", async () => {
    await setStock(4);
    const order = await placed(3);
    expect(await left()).toBe(1);
    const cancel = () =>
      db.scoped({ tenantId: store.tenantId }, (tx) =>
        changeOrder(tx, { orderId: order.id, command: { action: "cancel", reason: "拍错了" }, actor: shopper(store.shopperId) }),
      );
    const first = await cancel();
    expect(first.ok && first.order.status).toBe("cancelled");
    expect(await left()).toBe(4);
    const second = await cancel();
    expect(second).toMatchObject({ ok: false, refusal: { code: "illegalTransition", action: "cancel", status: "cancelled" } });
    expect(await left()).toBe(4);
    const history = await db.scoped({ tenantId: store.tenantId }, (tx) => loadOrder(tx, order.id));
    expect(history!.events.map(({ action, from, to, actor, reason }) => ({ action, from, to, actor, reason }))).toEqual([
      { action: "cancel", from: "pendingPayment", to: "cancelled", actor: shopper(store.shopperId), reason: "拍错了" },
    ]);
  });

  it("counts a payment once when five notifications for it arrive together", async () => {
    await setStock(5);
    const order = await placed(1);
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        db.scoped({ tenantId: store.tenantId }, (tx) => changeOrder(tx, { orderId: order.id, command: { action: "pay", amountFen: order.totalFen }, actor: notification })),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    const paid = await db.scoped({ tenantId: store.tenantId }, (tx) => loadOrder(tx, order.id));
    expect(paid).toMatchObject({ status: "paid", paidFen: order.totalFen, revision: 1 });
    expect(paid!.paidAt).toBeInstanceOf(Date);
    expect(paid!.events.filter((event) => event.action === "pay")).toHaveLength(1);
  });

  it("marks a shipped order's shipping information as due to WeChat, with its tracking", async () => {
    await setStock(5);
    const order = await placed(1);
    const tracking = { company: "顺丰速运", number: "SF1234567890" };
    const result = await db.scoped({ tenantId: store.tenantId }, async (tx) => {
      await changeOrder(tx, { orderId: order.id, command: { action: "pay", amountFen: order.totalFen }, actor: notification });
      return changeOrder(tx, { orderId: order.id, command: { action: "ship", tracking }, actor: staff });
    });
    expect(result.ok && result.order).toMatchObject({ status: "shipped", tracking, shippingUpload: "pending" });
  });

  it("finds no order of another store, and changes nothing there", async () => {
    await setStock(5);
    const order = await placed(1);
    const other = await arrangeCatalogStore(db, "product");
    const result = await db.scoped({ tenantId: other.tenantId }, (tx) =>
      changeOrder(tx, { orderId: order.id, command: { action: "cancel", reason: "" }, actor: shopper(store.shopperId) }),
    );
    expect(result).toEqual({ ok: false, notFound: true });
    expect((await db.scoped({ tenantId: store.tenantId }, (tx) => loadOrder(tx, order.id)))!.status).toBe("pendingPayment");
  });
});
