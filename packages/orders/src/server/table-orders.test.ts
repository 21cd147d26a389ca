// Table orders against a real PostgreSQL and the fake WeChat Pay: rounds on one tab, pay-first against pay-at-end,
// paying at the counter, the kitchen's done marks, and one store never seeing another's tables, tabs or rounds.
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { testDatabase } from "@kaidian/db/testing";
import { serviceProviderFromEnv, wechatpayConnection } from "@kaidian/payments";
import { arrangeServiceProvider, startFakeWechatPay, type FakeWechatPay, type TestServiceProvider } from "@kaidian/payments/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refundableThroughWechat } from "../table-orders";
import { applyPayment, closeTab, kitchenRounds, loadOrder, markDone, markTabPaidAtCounter, openTab, refundOrder, sendRound, shopperOrderAction, tablesWithTabs, type PaymentDeps } from "./index";
import { arrangeRestaurant, type TestRestaurant } from "./testing";

const db = testDatabase();
const masterKey = randomBytes(32);
let pay: FakeWechatPay;
let sp: TestServiceProvider;
let deps: PaymentDeps;
let atEnd: TestRestaurant;
let first: TestRestaurant;

beforeAll(async () => {
  pay = await startFakeWechatPay();
  sp = await arrangeServiceProvider(pay);
  deps = {
    masterKey,
    provider: serviceProviderFromEnv(sp.env, (file) => readFileSync(file, "utf8")),
    connection: wechatpayConnection({ WECHATPAY_API_BASE: pay.baseUrl }),
    shopApiUrl: "http://127.0.0.1:9",
  };
  atEnd = await arrangeRestaurant(db, { name: "先吃后付", masterKey, serviceProvider: sp, payment: "payAtEnd" });
  first = await arrangeRestaurant(db, { name: "先付后吃", masterKey, serviceProvider: sp, payment: "payFirst" });
}, 60_000);

afterAll(async () => {
  await pay?.close();
  await sp?.dispose();
  await db.disconnect();
});

const shopper = (store: TestRestaurant) =>
  db.scoped({ tenantId: store.tenantId }, async (tx) => (await tx.shopper.create({ data: { tenantId: store.tenantId, openid: `o-${randomUUID()}` } })).id);

const chicken = (store: TestRestaurant, quantity = 1) => ({ itemId: store.dishes.chicken, dishOptions: [{ group: "辣度", options: ["特辣"] }], quantity, seenUnitPriceFen: 3300 });
const rice = (store: TestRestaurant, quantity = 1) => ({ itemId: store.dishes.rice, quantity, seenUnitPriceFen: 200 });

const send = (store: TestRestaurant, shopperId: string, lines: object[], table = store.tables[0]!) =>
  sendRound(db, { tenantId: store.tenantId, shopperId, tableCode: table.code, body: { lines }, payments: deps });

const inStore = <T>(store: TestRestaurant, work: Parameters<typeof db.scoped<T>>[1]) => db.scoped({ tenantId: store.tenantId }, work);

describe("a pay-at-end table", () => {
  it("puts two rounds on one tab with rounds 1 and 2, both in the kitchen at once, one bill of their sum", async () => {
    const [alice, bob] = [await shopper(atEnd), await shopper(atEnd)];
    const one = await send(atEnd, alice, [chicken(atEnd), rice(atEnd, 2)]);
    const two = await send(atEnd, bob, [rice(atEnd)]);
    if (!one.ok || !two.ok) throw new Error(JSON.stringify([one, two]));
    expect(two.tab.id).toBe(one.tab.id);
    expect([one.round.number, two.round.number]).toEqual([1, 2]);
    expect(one.payment).toBeNull();
    expect(two.round.orderId).toBe(one.round.orderId);

    const tab = (await inStore(atEnd, (tx) => openTab(tx, atEnd.tables[0]!.id)))!;
    expect(tab.rounds.map((round) => [round.number, round.stage, round.totalFen])).toEqual([[2, "inKitchen", 200], [1, "inKitchen", 3700]]);
    expect(tab.rounds[0]!.lines.map((line) => line.title)).toEqual(["米饭"]);
    expect(tab.bill).toMatchObject({ status: "pendingPayment", totalFen: 3900 });

    const bill = (await inStore(atEnd, (tx) => loadOrder(tx, one.round.orderId)))!;
    expect(bill).toMatchObject({ delivery: "dineIn", totalFen: 3900, subtotalFen: 3900, deliveryFeeFen: 0 });
    expect(bill.lines.map((line) => [line.position, line.title, line.unitPriceFen, line.quantity])).toEqual([[0, "宫保鸡丁", 3300, 1], [1, "米饭", 200, 2], [2, "米饭", 200, 1]]);
    expect(bill.events.map((event) => [event.action, event.amountFen])).toEqual([["place", null], ["addRound", 200]]);

    // What the kitchen has is paid for, not cancelled by a diner.
    const cancel = await inStore(atEnd, (tx) => shopperOrderAction(tx, alice, bill.id, { action: "cancel", reason: "" }));
    expect(cancel).toMatchObject({ ok: false, refusal: { code: "notPermitted" } });

    const kitchen = await inStore(atEnd, (tx) => kitchenRounds(tx));
    expect(kitchen.slice(0, 2).map((round) => [round.tableName, round.number])).toEqual([["A1", 2], ["A1", 1]]);
  });

  it("numbers 5 rounds sent at once from one table 1 to 5, on one tab, with nothing lost", async () => {
    const table = atEnd.tables[1]!;
    const diner = await shopper(atEnd);
    const sent = await Promise.all(Array.from({ length: 5 }, () => send(atEnd, diner, [rice(atEnd)], table)));
    const numbers = sent.map((result) => (result.ok ? result.round.number : 0)).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 5 }, (_, index) => index + 1));
    const tab = (await inStore(atEnd, (tx) => openTab(tx, table.id)))!;
    expect(tab.bill!.totalFen).toBe(5 * 200);
    const bill = (await inStore(atEnd, (tx) => loadOrder(tx, tab.bill!.orderId)))!;
    expect(bill.lines.map((line) => line.position)).toEqual(Array.from({ length: 5 }, (_, index) => index));
  });

  it("refuses a sold-out dish and a wrong price with the shopper's message, sending nothing", async () => {
    const diner = await shopper(atEnd);
    const before = await inStore(atEnd, (tx) => tx.tableRound.count());
    const refused = await send(atEnd, diner, [rice(atEnd), { itemId: atEnd.dishes.fish, quantity: 1, seenUnitPriceFen: 5800 }, { ...chicken(atEnd), seenUnitPriceFen: 3200 }]);
    expect(refused).toMatchObject({ ok: false, refusals: [{ code: "soldOut", line: 1, title: "酸菜鱼" }, { code: "priceChanged", line: 2, currentFen: 3300 }] });
    expect(await inStore(atEnd, (tx) => tx.tableRound.count())).toBe(before);
    expect(await send(atEnd, diner, [rice(atEnd)], { id: "", name: "", code: "NOPE99" })).toEqual({ ok: false, tableNotFound: true });
  });

  it("is paid once at the counter for the amount staff saw, which closes the tab; the next round opens a new one", async () => {
    const table = atEnd.tables[0]!;
    const tab = (await inStore(atEnd, (tx) => openTab(tx, table.id)))!;
    const staff = { role: "merchantStaff" as const, id: randomUUID() };
    const stale = await inStore(atEnd, (tx) => markTabPaidAtCounter(tx, { tabId: tab.id, amountFen: tab.totalFen - 200, actor: staff }));
    expect(stale).toEqual({ ok: false, code: "tab.amountChanged", totalFen: tab.totalFen });
    const paid = await inStore(atEnd, (tx) => markTabPaidAtCounter(tx, { tabId: tab.id, amountFen: tab.totalFen, actor: staff }));
    expect(paid).toMatchObject({ ok: true, order: { status: "paid", paidFen: 3900 } });
    if (!paid.ok) return;
    expect(paid.order!.events.at(-1)).toMatchObject({ action: "payAtCounter", from: "pendingPayment", to: "paid", amountFen: 3900, actor: staff });
    expect(await inStore(atEnd, (tx) => openTab(tx, table.id))).toBeNull();
    // Cash at the counter is not WeChat Pay's to give back: no WeChat refund is offered, and one asked is refused.
    expect(refundableThroughWechat(paid.order!)).toBe(false);
    const refundsAtWechat = pay.refunds.length;
    const refund = await refundOrder(db, { tenantId: atEnd.tenantId, orderId: paid.order!.id, amountFen: 3900, reason: "退菜", restock: false, actor: staff }, deps);
    expect(refund).toEqual({ ok: false, refusal: { code: "paidAtCounter" } });
    expect(pay.refunds.length).toBe(refundsAtWechat);
    expect(await inStore(atEnd, (tx) => tx.refund.count({ where: { orderId: paid.order!.id } }))).toBe(0);

    const next = await send(atEnd, await shopper(atEnd), [rice(atEnd)]);
    if (!next.ok) throw new Error(JSON.stringify(next));
    expect(next.tab.id).not.toBe(tab.id);
    expect(next.round.number).toBe(1);
  });

  it("lets the kitchen mark dishes done one by one, which finishes the round, or the round at once", async () => {
    const diner = await shopper(atEnd);
    const sent = await send(atEnd, diner, [chicken(atEnd), rice(atEnd)], atEnd.tables[0]!);
    if (!sent.ok) throw new Error(JSON.stringify(sent));
    const round = () => inStore(atEnd, async (tx) => (await kitchenRounds(tx)).find((candidate) => candidate.id === sent.round.id)!);
    const [dish, other] = (await round()).lines;
    expect(await inStore(atEnd, (tx) => markDone(tx, { roundId: sent.round.id, position: dish!.position }))).toBe(true);
    expect(await inStore(atEnd, (tx) => markDone(tx, { roundId: sent.round.id, position: dish!.position }))).toBe(true);
    expect((await round()).lines.map((line) => line.done)).toEqual([true, false]);
    expect((await round()).stage).toBe("inKitchen");
    // A position outside the round is no dish of it.
    expect(await inStore(atEnd, (tx) => markDone(tx, { roundId: sent.round.id, position: 0 }))).toBe(false);
    await inStore(atEnd, (tx) => markDone(tx, { roundId: sent.round.id, position: other!.position }));
    expect((await round()).stage).toBe("done");

    const again = await send(atEnd, diner, [rice(atEnd)], atEnd.tables[0]!);
    if (!again.ok) throw new Error(JSON.stringify(again));
    await inStore(atEnd, (tx) => markDone(tx, { roundId: again.round.id }));
    const done = await inStore(atEnd, async (tx) => (await kitchenRounds(tx)).find((candidate) => candidate.id === again.round.id)!);
    expect(done.stage).toBe("done");
    expect(done.lines.every((line) => line.done)).toBe(true);
  });
});

describe("a pay-first table", () => {
  it("sends each round to the kitchen only once it is paid, each round its own order with its own payment", async () => {
    const diner = await shopper(first);
    const one = await send(first, diner, [chicken(first)]);
    const two = await send(first, diner, [rice(first, 3)]);
    if (!one.ok || !two.ok) throw new Error(JSON.stringify([one, two]));
    expect(two.tab.id).toBe(one.tab.id);
    expect([one.round.number, two.round.number]).toEqual([1, 2]);
    expect(two.round.orderId).not.toBe(one.round.orderId);
    expect(one.payment?.package).toMatch(/^prepay_id=/);
    expect(await inStore(first, (tx) => kitchenRounds(tx))).toEqual([]);

    // WeChat Pay reports the first round paid (as its notification or the query on return would).
    const order = (await inStore(first, (tx) => loadOrder(tx, one.round.orderId)))!;
    expect(order).toMatchObject({ delivery: "dineIn", totalFen: 3300, status: "pendingPayment" });
    const applied = await inStore(first, (tx) => applyPayment(tx, { state: "SUCCESS", outTradeNo: order.paymentNo, transactionId: `42${Date.now()}`, totalFen: 3300 } as never));
    expect(applied.kind).toBe("paid");

    const kitchen = await inStore(first, (tx) => kitchenRounds(tx));
    expect(kitchen.map((round) => [round.tableName, round.number, round.stage])).toEqual([["A1", 1, "inKitchen"]]);
    const tab = (await inStore(first, (tx) => openTab(tx, first.tables[0]!.id)))!;
    expect(tab.rounds.map((round) => [round.number, round.stage])).toEqual([[2, "awaitingPayment"], [1, "inKitchen"]]);
    expect(tab.bill).toBeNull();

    // Paying a round does not close the tab; staff clear the table when the diners leave.
    expect(await inStore(first, (tx) => closeTab(tx, tab.id))).toEqual({ ok: true, order: null });
    expect(await inStore(first, (tx) => openTab(tx, first.tables[0]!.id))).toBeNull();
  });
});

describe("another store", () => {
  it("never sees a table, tab or round of this one, nor sends to its table", async () => {
    const outsider = await shopper(first);
    const table = atEnd.tables[0]!;
    expect(await sendRound(db, { tenantId: first.tenantId, shopperId: outsider, tableCode: table.code, body: { lines: [rice(atEnd)] }, payments: deps })).toEqual({ ok: false, tableNotFound: true });
    const seen = await inStore(first, async (tx) => ({
      tab: await openTab(tx, table.id),
      tables: (await tablesWithTabs(tx)).map((entry) => entry.table.id),
      kitchen: (await kitchenRounds(tx)).map((round) => round.id),
      rounds: await tx.tableRound.count({ where: { tenantId: atEnd.tenantId } }),
      tabs: await tx.diningTab.count({ where: { tenantId: atEnd.tenantId } }),
    }));
    expect(seen.tab).toBeNull();
    expect(seen.tables).not.toContain(table.id);
    expect(seen).toMatchObject({ rounds: 0, tabs: 0 });
    const theirs = await inStore(atEnd, (tx) => kitchenRounds(tx));
    expect(seen.kitchen.some((id) => theirs.some((round) => round.id === id))).toBe(false);
    const round = theirs.find((candidate) => candidate.stage !== "done")!;
    expect(await inStore(first, (tx) => markDone(tx, { roundId: round.id }))).toBe(false);
  });
});
