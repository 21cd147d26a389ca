// The overview's figures against the real PostgreSQL, with row-level security on: recorded through the same
// statement shop-api uses, orders folded by the worker's pass, and every figure compared with a direct count over
// the seeded events and orders.
import { randomUUID } from "node:crypto";
import { superuser, testDatabase } from "@kaidian/db/testing";
import { seedOrder } from "@kaidian/orders/testing";
import { arrangeStore } from "@kaidian/storefront/testing";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AnalyticsEventInput, type DayRange, eachDay } from "../index";
import { combineOverviews, foldOrders, readOverview, recordEvents } from "./index";

const db = testDatabase();
let admin: pg.Client;
beforeAll(async () => {
  admin = await superuser();
});
afterAll(async () => {
  await admin.end();
  await db.disconnect();
});

/** Noon in Asia/Shanghai on the day. */
const noon = (day: string) => new Date(`${day}T04:00:00Z`);
const range: DayRange = { from: "2026-11-20", to: "2026-11-23" };
const items = [randomUUID(), randomUUID(), randomUUID()];

const views = (count: number, itemIds: string[]): AnalyticsEventInput[] => [
  ...Array.from({ length: count }, (_, index) => ({ kind: "pageView" as const, page: "pages/index/index", ageMs: index * 1000 })),
  ...itemIds.map((itemId, index) => ({ kind: "itemView" as const, page: "pages/item/item", itemId, ageMs: index * 500 })),
];

async function arrangeActivity(name: string) {
  const tenantId = await arrangeStore(db, { name, templateId: "ecommerce" });
  const visitors = Array.from({ length: 6 }, () => randomUUID());
  // Visitors come back on several days and report several batches a day; one batch straddles midnight.
  for (const [index, day] of eachDay(range).entries()) {
    for (const visitorId of visitors.slice(0, 3 + index)) {
      await recordEvents(db, { tenantId, shopperId: null, batch: { visitorId, events: views(2, [items[0]!, items[index % 3]!]) }, now: noon(day) });
      await recordEvents(db, { tenantId, shopperId: null, batch: { visitorId, events: views(1, [items[1]!]) }, now: noon(day) });
    }
  }
  await recordEvents(db, {
    tenantId,
    shopperId: null,
    batch: { visitorId: visitors[5]!, events: [{ kind: "itemView", page: "pages/item/item", itemId: items[2]!, ageMs: 2 * 60 * 60 * 1000 }, { kind: "pageView", page: "pages/cart/cart", ageMs: 0 }] },
    now: new Date("2026-11-22T17:00:00Z"), // 01:00 on the 23rd in Shanghai: the item view was at 23:00 on the 22nd
  });
  // Orders of every kind, paid and not; a shopper who had paid before the range comes back.
  const ids = await db.scoped({ tenantId }, async (tx) => {
    const before = await seedOrder(tx, tenantId, { lines: [{ title: "旧单", unitPriceFen: 1000, quantity: 1 }], at: new Date("2026-11-10T03:00:00Z") });
    const a = await seedOrder(tx, tenantId, { lines: [{ title: "咖啡豆", unitPriceFen: 8800, quantity: 2 }], at: noon("2026-11-20") });
    const b = await seedOrder(tx, tenantId, { lines: [{ title: "外卖", unitPriceFen: 3200, quantity: 1 }], delivery: { method: "pickup", pickupAddress: "店内" }, at: noon("2026-11-21") });
    const unpaid = await seedOrder(tx, tenantId, { lines: [{ title: "未付", unitPriceFen: 500, quantity: 3 }], paid: false, at: noon("2026-11-21") });
    const c = await seedOrder(tx, tenantId, { lines: [{ title: "堂食", unitPriceFen: 12_345, quantity: 1 }], at: new Date("2026-11-22T15:59:58Z") });
    const d = await seedOrder(tx, tenantId, { lines: [{ title: "房晚", unitPriceFen: 39_900, quantity: 2 }], at: noon("2026-11-23") });
    return { before, a, b, unpaid, c, d };
  });
  // c was placed at 23:59:58 and paid at 23:59:59 on the 22nd; d is a booking, b a takeaway, c a table's bill.
  await admin.query("UPDATE orders SET delivery = 'dineIn' WHERE id = $1", [ids.c.id]);
  await admin.query("UPDATE orders SET delivery = 'stay' WHERE id = $1", [ids.d.id]);
  await admin.query("UPDATE order_lines SET item_id = $2 WHERE order_id = $1", [ids.a.id, items[0]]);
  await admin.query("UPDATE order_lines SET item_id = $2 WHERE order_id = $1", [ids.d.id, items[1]]);
  // The returning shopper: a's shopper had paid on the 10th.
  await admin.query("UPDATE orders SET shopper_id = (SELECT shopper_id FROM orders WHERE id = $2) WHERE id = $1", [ids.a.id, ids.before.id]);
  // b's shopper paid twice in the range (b and d): one buyer, new.
  await admin.query("UPDATE orders SET shopper_id = (SELECT shopper_id FROM orders WHERE id = $2) WHERE id = $1", [ids.d.id, ids.b.id]);
  return { tenantId, ids };
}

/** The figures counted straight from the rows, as the overview defines them. */
async function directCount(tenantId: string) {
  const day = (column: string) => `(${column} AT TIME ZONE 'Asia/Shanghai')::date`;
  const inRange = (column: string) => `${day(column)} BETWEEN '${range.from}' AND '${range.to}'`;
  const one = async (query: string) => (await admin.query(query, [tenantId])).rows[0];
  const events = await one(`SELECT count(DISTINCT visitor_id)::int AS visitors, count(*) FILTER (WHERE kind = 'pageView')::int AS "pageViews",
    count(*) FILTER (WHERE kind = 'itemView')::int AS "itemViews" FROM analytics_events WHERE tenant_id = $1 AND ${inRange("at")}`);
  const orders = await one(`SELECT count(*)::int AS orders FROM orders WHERE tenant_id = $1 AND ${inRange("created_at")}`);
  const paid = await one(`SELECT count(*)::int AS "paidOrders", coalesce(sum(paid_fen), 0)::int AS "paidFen", count(DISTINCT shopper_id)::int AS buyers
    FROM orders WHERE tenant_id = $1 AND paid_at IS NOT NULL AND ${inRange("paid_at")}`);
  const fresh = await one(`SELECT count(*)::int AS "newBuyers" FROM (SELECT shopper_id, min(paid_at) AS first FROM orders WHERE tenant_id = $1 AND paid_at IS NOT NULL GROUP BY 1) s
    WHERE ${inRange("first")}`);
  const refunds = await one(`SELECT coalesce(sum(amount_fen), 0)::int AS "refundedFen" FROM refunds WHERE tenant_id = $1 AND status = 'success' AND ${inRange("settled_at")}`);
  const perDay = (await admin.query(`SELECT ${day("at")}::text AS day, count(DISTINCT visitor_id)::int AS visitors FROM analytics_events WHERE tenant_id = $1 GROUP BY 1 ORDER BY 1`, [tenantId])).rows;
  const itemViews = (await admin.query(`SELECT item_id AS "itemId", count(*)::int AS views FROM analytics_events WHERE tenant_id = $1 AND kind = 'itemView' AND ${inRange("at")} GROUP BY 1`, [tenantId])).rows;
  return { totals: { ...events, ...orders, ...paid, ...fresh, ...refunds, returningBuyers: paid.buyers - fresh.newBuyers }, perDay, itemViews };
}

describe("the overview", () => {
  let store: Awaited<ReturnType<typeof arrangeActivity>>;
  beforeAll(async () => {
    store = await arrangeActivity("数据小店");
    await foldOrders(db, { lagMs: 0 });
  });

  it("equals a direct count over the seeded events and orders, per day and for the range", async () => {
    const overview = await readOverview(db, store.tenantId, range);
    const expected = await directCount(store.tenantId);
    expect(overview.totals).toEqual(expected.totals);
    expect(overview.totals).toMatchObject({ orders: 5, paidOrders: 4, paidFen: 2 * 8800 + 3200 + 12_345 + 2 * 39_900, buyers: 3, newBuyers: 2, returningBuyers: 1 });
    expect(overview.days.map((day) => [day.day, day.visitors])).toEqual(expected.perDay.map((row) => [row.day, row.visitors]));
    expect(overview.days.map((day) => day.paidOrders)).toEqual([1, 1, 1, 1]);
    // c was paid one second before midnight: the 22nd's, not the 23rd's.
    expect(overview.days[2]!.paidFen).toBe(12_345);
    expect(overview.averageOrderFen).toBe(Math.round(expected.totals.paidFen / 4));
    expect(overview.conversion).toBeCloseTo(3 / expected.totals.visitors, 10);
    for (const { itemId, views: count } of expected.itemViews) {
      expect(overview.topItems.find((item) => item.itemId === itemId)?.views, itemId).toBe(count);
    }
    expect(overview.topItems[0]).toMatchObject({ itemId: items[1], paidUnits: 2, paidFen: 79_800 });
  });

  it("follows a refund and a late payment at the next fold, and new events at once", async () => {
    const before = await readOverview(db, store.tenantId, range);
    await admin.query(
      `INSERT INTO refunds (tenant_id, order_id, refund_no, amount_fen, reason, status, settled_at) VALUES ($1, $2, $3, 2000, '破损', 'success', '2026-11-23T06:00:00Z')`,
      [store.tenantId, store.ids.a.id, `RF${randomUUID().slice(0, 20)}`],
    );
    await admin.query("UPDATE orders SET refunded_fen = 2000, updated_at = now() WHERE id = $1", [store.ids.a.id]);
    await admin.query("UPDATE orders SET status = 'paid', paid_fen = total_fen, paid_at = '2026-11-23T07:00:00Z', updated_at = now() WHERE id = $1", [store.ids.unpaid.id]);
    await recordEvents(db, { tenantId: store.tenantId, shopperId: null, batch: { visitorId: randomUUID(), events: views(1, []) }, now: noon("2026-11-23") });
    // Events count as soon as they are recorded; order changes once folded.
    const recorded = await readOverview(db, store.tenantId, range);
    expect([recorded.totals.visitors, recorded.totals.paidOrders]).toEqual([before.totals.visitors + 1, before.totals.paidOrders]);
    await foldOrders(db, { lagMs: 0 });
    const after = await readOverview(db, store.tenantId, range);
    expect(after.totals).toEqual((await directCount(store.tenantId)).totals);
    expect(after.days[3]).toMatchObject({ refundedFen: 2000, paidOrders: 2, paidFen: 2 * 39_900 + 1500 });
    // The 20th's paid amount is as it was: a refund counts on the day it was settled.
    expect(after.days[0]!.paidFen).toBe(before.days[0]!.paidFen);
  });

  it("shows one store nothing of another's, and adds an agency's stores up", async () => {
    const other = await arrangeStore(db, { name: "别家", templateId: "ecommerce" });
    const empty = await readOverview(db, other, range);
    expect(empty.totals).toMatchObject({ visitors: 0, orders: 0, paidFen: 0, buyers: 0 });
    expect(empty.topItems).toEqual([]);
    await recordEvents(db, { tenantId: other, shopperId: null, batch: { visitorId: randomUUID(), events: views(3, []) }, now: noon("2026-11-21") });
    const mine = await readOverview(db, store.tenantId, range);
    const both = combineOverviews(range, [mine, await readOverview(db, other, range)]);
    expect([both.totals.visitors, both.totals.pageViews, both.totals.paidFen]).toEqual([mine.totals.visitors + 1, mine.totals.pageViews + 3, mine.totals.paidFen]);
    expect(both.days[1]!.visitors).toBe(mine.days[1]!.visitors + 1);
  });
});
