// Members against the real PostgreSQL with row-level security on: numbers given once each under concurrency, the
// card code opening its member only while fresh, staff adjustments with their ledger rows, one store never seeing
// another's members.
import { randomBytes, randomUUID } from "node:crypto";
import { Database } from "@kaidian/db";
import { testDatabase, testDatabaseUrl } from "@kaidian/db/testing";
import { arrangeStore } from "@kaidian/storefront/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CARD_CODE_SECONDS } from "../index";
import { adjustPoints, joinMember, listMembers, memberByCode, memberCard, memberCardCode, memberDetail, readMemberRules, saveMemberRules } from "./index";

const db = testDatabase();
afterAll(() => db.disconnect());
const masterKey = randomBytes(32);

async function shoppers(tenantId: string, count: number, phone: (index: number) => string | null = (index) => `1390000${String(index).padStart(4, "0")}`): Promise<string[]> {
  return db.scoped({ tenantId }, async (tx) => {
    const rows = await tx.shopper.createManyAndReturn({ data: Array.from({ length: count }, (_, index) => ({ tenantId, openid: `o-${randomUUID()}`, phone: phone(index) })), select: { id: true } });
    return rows.map((row) => row.id);
  });
}

let store: string;
let other: string;
beforeAll(async () => {
  [store, other] = await Promise.all([arrangeStore(db, { name: "会员小店", templateId: "ecommerce" }), arrangeStore(db, { name: "隔壁小店", templateId: "ecommerce" })]);
});

describe("joining", () => {
  it("gives 30 shoppers joining at once 30 different numbers, 1 to 30, and a second join the same card", async () => {
    const people = await shoppers(store, 30);
    const busy = new Database(testDatabaseUrl(), { maxConnections: 10, transactionWaitMs: 60_000 });
    const joined = await Promise.all(people.map((shopperId) => busy.scoped({ tenantId: store }, (tx) => joinMember(tx, store, shopperId)))).finally(() => busy.disconnect());
    const numbers = joined.map((join) => (join.ok ? join.card.number : "refused"));
    expect(new Set(numbers).size).toBe(30);
    expect([...numbers].sort()).toEqual(Array.from({ length: 30 }, (_, index) => String(index + 1).padStart(8, "0")));
    const again = await db.scoped({ tenantId: store }, (tx) => joinMember(tx, store, people[0]!));
    expect(again.ok && [again.created, again.card.number]).toEqual([false, numbers[0]]);
    expect(again.ok && again.card.phone).toBe("139****0000");
  }, 120_000);

  it("refuses a shopper who has not shared a phone number", async () => {
    const [me] = await shoppers(store, 1, () => null);
    expect(await db.scoped({ tenantId: store }, (tx) => joinMember(tx, store, me!))).toEqual({ ok: false, refusal: "noPhone" });
    expect(await db.scoped({ tenantId: store }, (tx) => memberCard(tx, store, me!))).toBeNull();
  });
});

describe("the card and staff", () => {
  it("opens the member from a fresh code, refuses a stale or another store's, and keeps the key sealed", async () => {
    const [me] = await shoppers(store, 1);
    const join = await db.scoped({ tenantId: store }, (tx) => joinMember(tx, store, me!));
    const at = new Date();
    const card = await db.scoped({ tenantId: store }, (tx) => memberCardCode(tx, store, me!, masterKey, at));
    const opened = await db.scoped({ tenantId: store }, (tx) => memberByCode(tx, store, card!.code, masterKey, at));
    expect(opened).toEqual({ ok: true, memberId: join.ok && join.card.id });
    const later = new Date(at.getTime() + (CARD_CODE_SECONDS + 1) * 1000);
    expect(await db.scoped({ tenantId: store }, (tx) => memberByCode(tx, store, card!.code, masterKey, later))).toEqual({ ok: false, refusal: "codeExpired" });
    expect(await db.scoped({ tenantId: other }, (tx) => memberByCode(tx, other, card!.code, masterKey, at))).toEqual({ ok: false, refusal: "codeForged" });
    const stored = await db.scoped({ tenantId: store }, (tx) => tx.memberSettings.findFirstOrThrow({ where: { tenantId: store } }));
    expect(stored.cardKeyCiphertext!.length).toBeGreaterThan(32);
    expect(await db.scoped({ tenantId: store }, (tx) => memberCardCode(tx, store, randomUUID(), masterKey))).toBeNull();
  });

  it("adds and takes points with the staff's note, never below zero, each change a ledger row", async () => {
    const [me] = await shoppers(store, 1);
    const join = await db.scoped({ tenantId: store }, (tx) => joinMember(tx, store, me!));
    const memberId = join.ok ? join.card.id : "";
    const actorId = randomUUID();
    const add = await db.scoped({ tenantId: store }, (tx) => adjustPoints(tx, store, { memberId, change: 500, note: "开业送积分", actorId }));
    expect(add).toEqual({ ok: true, balance: 500 });
    const tooMuch = await db.scoped({ tenantId: store }, (tx) => adjustPoints(tx, store, { memberId, change: -501, note: "扣多了", actorId }));
    expect(tooMuch).toEqual({ ok: false, refusal: "pointsShort" });
    const take = await db.scoped({ tenantId: store }, (tx) => adjustPoints(tx, store, { memberId, change: -200, note: "兑换礼品", actorId }));
    expect(take).toEqual({ ok: true, balance: 300 });
    const detail = await db.scoped({ tenantId: store }, (tx) => memberDetail(tx, store, memberId));
    expect(detail!.card.points).toBe(300);
    expect(detail!.ledger.map((entry) => [entry.change, entry.balance, entry.reason, entry.note])).toEqual([
      [-200, 300, "adjusted", "兑换礼品"],
      [500, 500, "adjusted", "开业送积分"],
    ]);
    // Another store cannot adjust or see this member.
    expect(await db.scoped({ tenantId: other }, (tx) => adjustPoints(tx, other, { memberId, change: 1, note: "x", actorId }))).toEqual({ ok: false, refusal: "notFound" });
    expect(await db.scoped({ tenantId: other }, (tx) => memberDetail(tx, other, memberId))).toBeNull();
  });

  it("finds members by number or phone, phones masked", async () => {
    const [me] = await shoppers(store, 1, () => "13712345678");
    const join = await db.scoped({ tenantId: store }, (tx) => joinMember(tx, store, me!));
    const number = join.ok ? join.card.number : "";
    const byPhone = await db.scoped({ tenantId: store }, (tx) => listMembers(tx, store, { search: "12345678" }));
    expect(byPhone.map((member) => [member.number, member.phone])).toEqual([[number, "137****5678"]]);
    const byNumber = await db.scoped({ tenantId: store }, (tx) => listMembers(tx, store, { search: number }));
    expect(byNumber.map((member) => member.number)).toContain(number);
    expect(await db.scoped({ tenantId: other }, (tx) => listMembers(tx, other, { search: "12345678" }))).toEqual([]);
  });

  it("saves the rule only as the schema allows", async () => {
    const levels = [{ name: "普通", minSpendFen: 0, percentOff: 0 }, { name: "金卡", minSpendFen: 50_000, percentOff: 10 }];
    const saved = await db.scoped({ tenantId: store }, (tx) => saveMemberRules(tx, store, { pointsEnabled: true, pointsPerYuan: 1, pointsPerYuanOff: 100, maxPointsPercent: 50, levels }));
    expect(saved.ok).toBe(true);
    const refused = await db.scoped({ tenantId: store }, (tx) => saveMemberRules(tx, store, { pointsEnabled: true, pointsPerYuan: -1, pointsPerYuanOff: 100, maxPointsPercent: 50, levels }));
    expect(refused.ok ? [] : refused.issues.map((issue) => issue.path)).toEqual(["pointsPerYuan"]);
    expect((await db.scoped({ tenantId: store }, (tx) => readMemberRules(tx, store))).levels).toEqual(levels);
  });
});
