// Queue numbers against the real PostgreSQL, with row-level security on: concurrency, the day's reset in
// Asia/Shanghai, staff's calls, and one store never seeing another's queue.
import { randomUUID } from "node:crypto";
import { Database } from "@kaidian/db";
import { testDatabase, testDatabaseUrl } from "@kaidian/db/testing";
import { arrangeStore } from "@kaidian/storefront/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_QUEUE_SETTINGS, queueSettingsSchema } from "../index";
import { actOnTicket, callNext, cancelTicket, liveTicket, readQueueBoard, readTicket, saveQueueSettings, takeNumber, type TicketRecord, ticketView, waitingByGroup } from "./index";

const db = testDatabase();
afterAll(() => db.disconnect());

async function arrangeQueue(name: string, enabled = true) {
  const tenantId = await arrangeStore(db, { name, templateId: "restaurant" });
  await db.scoped({ tenantId }, (tx) => saveQueueSettings(tx, tenantId, { userId: randomUUID(), revision: 0 }, { ...DEFAULT_QUEUE_SETTINGS, enabled }));
  return tenantId;
}

async function shoppers(tenantId: string, count: number): Promise<string[]> {
  return db.scoped({ tenantId }, async (tx) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push((await tx.shopper.create({ data: { tenantId, openid: `o-${randomUUID()}` } })).id);
    return ids;
  });
}

const take = (tenantId: string, shopperId: string, partySize: number, at?: Date) =>
  db.scoped({ tenantId }, (tx) => takeNumber(tx, { tenantId, shopperId, partySize, ...(at ? { at } : {}) }));

let store: string;
beforeAll(async () => {
  store = await arrangeQueue("排队小馆");
});

describe("taking a number", () => {
  it("gives 200 shoppers taking at once 200 distinct, consecutive numbers in their group", async () => {
    const tenantId = await arrangeQueue("人气面馆");
    const people = await shoppers(tenantId, 200);
    // As shop-api would: many connections, every request waiting its turn for one (not the tests' small pool's 2 s).
    const busy = new Database(testDatabaseUrl(), { maxConnections: 20, transactionWaitMs: 60_000 });
    const taken = await Promise.all(
      people.map((shopperId) => busy.scoped({ tenantId }, (tx) => takeNumber(tx, { tenantId, shopperId, partySize: 2 }))),
    ).finally(() => busy.disconnect());
    const numbers = taken.map((result) => (result.ok ? result.ticket.number : -1)).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(new Set(taken.map((result) => result.ok && result.ticket.prefix))).toEqual(new Set(["A"]));
    // The next group counts on its own.
    const [big] = await shoppers(tenantId, 1);
    const table = await take(tenantId, big!, 6);
    expect(table.ok && [table.ticket.prefix, table.ticket.number]).toEqual(["C", 1]);
  });

  it("answers a shopper's second take with the number they already hold, costing no place", async () => {
    const [me, next] = await shoppers(store, 2);
    const first = await take(store, me!, 3);
    const twice = await Promise.all([take(store, me!, 3), take(store, me!, 4)]);
    expect(first.ok && first.created).toBe(true);
    for (const again of twice) expect(again.ok && [again.ticket.id, again.created]).toEqual([first.ok && first.ticket.id, false]);
    const after = await take(store, next!, 4);
    expect(after.ok && first.ok && after.ticket.number).toBe(first.ok ? first.ticket.number + 1 : 0);
  });

  it("starts every group at 1 again at midnight in Asia/Shanghai, not UTC", async () => {
    const tenantId = await arrangeQueue("夜宵店");
    const [early, late, nextDay] = await shoppers(tenantId, 3);
    // 15:59 UTC is 23:59 in Shanghai; 16:00 UTC is the next day there, still the same UTC day.
    const a = await take(tenantId, early!, 1, new Date("2026-12-05T15:58:00Z"));
    const b = await take(tenantId, late!, 1, new Date("2026-12-05T15:59:30Z"));
    const c = await take(tenantId, nextDay!, 1, new Date("2026-12-05T16:00:30Z"));
    expect([a, b, c].map((result) => result.ok && [result.ticket.day, result.ticket.number])).toEqual([
      ["2026-12-05", 1],
      ["2026-12-05", 2],
      ["2026-12-06", 1],
    ]);
    // Yesterday's live number does not stop the shopper queueing today.
    const again = await take(tenantId, early!, 1, new Date("2026-12-05T16:01:00Z"));
    expect(again.ok && [again.created, again.ticket.number]).toEqual([true, 2]);
  });

  it("refuses while the queue is off, and a party size no group takes", async () => {
    const closed = await arrangeQueue("未开放", false);
    const [someone] = await shoppers(closed, 1);
    expect(await take(closed, someone!, 2)).toEqual({ ok: false, refusal: "queue.closed" });
    const [other] = await shoppers(store, 1);
    expect(await take(store, other!, 0)).toEqual({ ok: false, refusal: "queue.partySize" });
    expect(await take(store, other!, 100)).toEqual({ ok: false, refusal: "queue.partySize" });
  });
});

describe("staff", () => {
  it("calls the lowest waiting number of a group, then seats or skips; the shopper's view counts who is ahead", async () => {
    const tenantId = await arrangeQueue("叫号测试");
    const people = await shoppers(tenantId, 4);
    const tickets: TicketRecord[] = [];
    for (const shopperId of people) {
      const taken = await take(tenantId, shopperId, 2);
      if (taken.ok) tickets.push(taken.ticket);
    }
    const staffId = randomUUID();
    const inStore = <T>(work: Parameters<typeof db.scoped<T>>[1]) => db.scoped({ tenantId }, work);
    const last = tickets[3]!;
    expect((await inStore((tx) => ticketView(tx, last, DEFAULT_QUEUE_SETTINGS, "zh-CN"))).ahead).toBe(3);
    const called = await inStore((tx) => callNext(tx, "A"));
    expect(called.ok && [called.ticket.number, called.ticket.status, called.ticket.calls]).toEqual([1, "called", 1]);
    // Two staff calling at once call two different numbers.
    const both = await Promise.all([inStore((tx) => callNext(tx, "A")), inStore((tx) => callNext(tx, "A"))]);
    expect(both.map((result) => result.ok && result.ticket.number).sort()).toEqual([2, 3]);
    const view = await inStore((tx) => ticketView(tx, last, DEFAULT_QUEUE_SETTINGS, "en"));
    expect([view.code, view.ahead, view.statusName]).toEqual(["A004", 0, "waiting"]);
    expect(await inStore((tx) => actOnTicket(tx, tickets[0]!.id, "seat", staffId))).toMatchObject({ ok: true, ticket: { status: "seated" } });
    expect(await inStore((tx) => actOnTicket(tx, tickets[0]!.id, "skip", staffId))).toEqual({ ok: false, refusal: "queue.ticketClosed" });
    expect(await inStore((tx) => actOnTicket(tx, tickets[1]!.id, "skip", staffId))).toMatchObject({ ok: true, ticket: { status: "skipped" } });
    const recall = await inStore((tx) => actOnTicket(tx, tickets[2]!.id, "call", staffId));
    expect(recall.ok && recall.ticket.calls).toBe(2);
    const board = await inStore((tx) => readQueueBoard(tx));
    const groupA = board.groups.find((group) => group.prefix === "A")!;
    expect([groupA.waiting.map((t) => t.number), groupA.called.map((t) => t.number)]).toEqual([[4], [3]]);
    expect(board.closed.map((ticket) => [ticket.number, ticket.status]).sort()).toEqual([[1, "seated"], [2, "skipped"]]);
    expect(await inStore((tx) => callNext(tx, "B"))).toEqual({ ok: false, refusal: "queue.nobodyWaiting" });
    // The shopper gives up; staff then cannot act on it, and the shopper holds no number.
    expect(await inStore((tx) => cancelTicket(tx, people[3]!, last.id))).toMatchObject({ ok: true, ticket: { status: "cancelled" } });
    expect(await inStore((tx) => liveTicket(tx, people[3]!))).toBeNull();
    // Another shopper is told the number does not exist, not that it is closed.
    expect(await inStore((tx) => cancelTicket(tx, people[2]!, last.id))).toEqual({ ok: false, refusal: "queue.ticketNotFound" });
    expect(await inStore((tx) => cancelTicket(tx, people[3]!, last.id))).toEqual({ ok: false, refusal: "queue.ticketClosed" });
  });
});

describe("isolation", () => {
  it("never shows or changes one store's queue from another store", async () => {
    const [mine] = await shoppers(store, 1);
    const taken = await take(store, mine!, 2);
    if (!taken.ok) throw new Error("not taken");
    const rival = await arrangeQueue("对面饭馆");
    const inRival = <T>(work: Parameters<typeof db.scoped<T>>[1]) => db.scoped({ tenantId: rival }, work);
    expect(await inRival((tx) => readTicket(tx, taken.ticket.id))).toBeNull();
    expect(await inRival((tx) => actOnTicket(tx, taken.ticket.id, "seat", randomUUID()))).toEqual({ ok: false, refusal: "queue.ticketNotFound" });
    expect(await inRival((tx) => callNext(tx, "A"))).toEqual({ ok: false, refusal: "queue.nobodyWaiting" });
    const board = await inRival((tx) => readQueueBoard(tx));
    expect(board.groups.flatMap((group) => [...group.waiting, ...group.called])).toEqual([]);
    expect(await inRival((tx) => waitingByGroup(tx))).toEqual({});
    expect((await db.scoped({ tenantId: store }, (tx) => readTicket(tx, taken.ticket.id)))?.status).toBe("waiting");
  });
});

describe("settings", () => {
  it("takes groups that cover every size from 1 in order, and refuses gaps, overlaps, repeats and an open group before the last", () => {
    expect(queueSettingsSchema.safeParse(DEFAULT_QUEUE_SETTINGS).success).toBe(true);
    const groups = DEFAULT_QUEUE_SETTINGS.groups;
    const problem = (changed: typeof groups) => queueSettingsSchema.safeParse({ enabled: true, groups: changed }).error?.issues[0]?.message;
    expect(problem([groups[0]!, { ...groups[1]!, minSize: 4 }, groups[2]!])).toBe("queue.group.gap");
    expect(problem([groups[0]!, { ...groups[1]!, prefix: "A" }, groups[2]!])).toBe("queue.group.prefixTwice");
    expect(problem([{ ...groups[0]!, maxSize: null }, groups[1]!])).toBe("queue.group.openNotLast");
    expect(problem([{ ...groups[0]!, prefix: "a" }])).toBe("queue.group.prefix");
  });
});
