import { randomUUID } from "node:crypto";
import type { Database, Transaction } from "@kaidian/db";
import { superuser, testDatabase } from "@kaidian/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { addDays, monthCalendar, nightsBetween, findRoom, RoomNightsError, setNights, type SetNightsInput, storeToday, weekdayOf } from "./room-nights";
import { arrangeEditor } from "./testing";

let db: Database;
let editor: string;
beforeAll(async () => {
  db = testDatabase();
  editor = await arrangeEditor(db, "前台");
});
afterAll(() => db.disconnect());

/** A hotel store with one room type of `rooms` rooms at ¥`priceFen/100` a night. */
async function arrangeHotel(room: { priceFen: number; rooms?: number }) {
  const tenantId = randomUUID();
  const itemId = randomUUID();
  await db.scoped({ tenantId }, async (tx) => {
    await tx.tenant.create({ data: { id: tenantId, name: "湖畔", slug: `test-${tenantId}`, templateId: "hotel" } });
    await tx.catalogItem.create({
      data: {
        tenantId, id: itemId, kind: "ROOM", title: "湖景大床房", priceFen: room.priceFen,
        details: { capacity: 2, ...(room.rooms === undefined ? {} : { rooms: room.rooms }) },
      },
    });
  });
  return { tenantId, itemId };
}

/** A bulk change made from the calendar as it stands, as the rates form that just showed it sends it. */
async function changeNights(tx: Transaction, input: SetNightsInput, now?: Date) {
  const room = await tx.catalogItem.findFirst({ where: { id: input.itemId }, select: { nightsRevision: true } });
  return setNights(tx, input, { userId: editor, revision: room?.nightsRevision ?? 0 }, now);
}

const today = storeToday();
/** The next date on or after today that falls on `weekday`. */
function next(weekday: number, after = today) {
  let date = after;
  while (weekdayOf(date) !== weekday) date = addDays(date, 1);
  return date;
}

async function rows(tenantId: string) {
  return db.scoped({ tenantId }, (tx) => tx.roomNight.findMany({ orderBy: { date: "asc" }, select: { date: true, rateFen: true, available: true } }));
}

describe("room nights", () => {
  it("sell at the base price with all rooms until a night is set", async () => {
    const { tenantId, itemId } = await arrangeHotel({ priceFen: 38800, rooms: 5 });
    const calendar = await db.scoped({ tenantId }, (tx) => monthCalendar(tx, itemId, "2027-02"));
    expect(calendar.nights).toHaveLength(28);
    expect(calendar.nights[0]).toEqual({ date: "2027-02-01", weekday: 1, rateFen: 38800, available: 5, held: 0, sold: 0, closed: false, rateOverridden: false, availableOverridden: false });
    expect(calendar.nights.at(-1)!.date).toBe("2027-02-28");
    expect((await db.scoped({ tenantId }, (tx) => monthCalendar(tx, itemId, "2028-02"))).nights).toHaveLength(29);
  });

  it("sets a weekend rate over a range, only on the chosen weekdays, in one change", async () => {
    const { tenantId, itemId } = await arrangeHotel({ priceFen: 38800, rooms: 5 });
    const from = next(1);
    const to = addDays(from, 13);
    const set = await db.scoped({ tenantId }, (tx) => changeNights(tx, { itemId, from, to, weekdays: [5, 6], rateFen: 48800 }));
    expect(set).toBe(4);
    const nights = await db.scoped({ tenantId }, async (tx) => nightsBetween(tx, await findRoom(tx, itemId), from, to));
    for (const night of nights) {
      const weekend = [5, 6].includes(weekdayOf(night.date));
      expect(night, night.date).toMatchObject({ rateFen: weekend ? 48800 : 38800, available: 5, rateOverridden: weekend });
    }
    expect((await rows(tenantId)).map((row) => row.available)).toEqual([5, 5, 5, 5]);
  });

  it("closes nights and changes rooms without touching a rate set before, and returns to the base price", async () => {
    const { tenantId, itemId } = await arrangeHotel({ priceFen: 20000, rooms: 3 });
    const from = addDays(today, 2);
    await db.scoped({ tenantId }, (tx) => changeNights(tx, { itemId, from, to: addDays(from, 1), rateFen: 25000 }));
    await db.scoped({ tenantId }, (tx) => changeNights(tx, { itemId, from, to: from, closed: true }));
    await db.scoped({ tenantId }, (tx) => changeNights(tx, { itemId, from: addDays(from, 1), to: addDays(from, 2), available: 1 }));
    expect(await rows(tenantId)).toEqual([
      { date: new Date(`${from}T00:00:00Z`), rateFen: 25000, available: 0 },
      { date: new Date(`${addDays(from, 1)}T00:00:00Z`), rateFen: 25000, available: 1 },
      { date: new Date(`${addDays(from, 2)}T00:00:00Z`), rateFen: null, available: 1 },
    ]);
    await db.scoped({ tenantId }, (tx) => changeNights(tx, { itemId, from, to: addDays(from, 2), rateFen: null }));
    const nights = await db.scoped({ tenantId }, async (tx) => nightsBetween(tx, await findRoom(tx, itemId), from, addDays(from, 2)));
    expect(nights.map((night) => [night.rateFen, night.available, night.rateOverridden, night.availableOverridden])).toEqual([
      [20000, 0, false, true],
      [20000, 1, false, true],
      [20000, 1, false, true],
    ]);
  });

  it("reads the room count from the room's details, one when they do not state it", async () => {
    const { tenantId, itemId } = await arrangeHotel({ priceFen: 10000 });
    const from = addDays(today, 1);
    await expect(db.scoped({ tenantId }, (tx) => changeNights(tx, { itemId, from, to: from, available: 2 }))).rejects.toMatchObject({
      code: "nights.available.tooMany", field: "available", params: { rooms: 1 },
    });
    expect(await rows(tenantId)).toEqual([]);
  });

  it.each([
    ["a range that ends before it starts", { from: addDays(today, 5), to: addDays(today, 4), closed: true }, "to", "nights.range.backwards"],
    ["more than 366 nights", { from: today, to: addDays(today, 366), closed: true }, "to", "nights.range.tooLong"],
    ["a date that is not one", { from: "2027-02-30", to: "2027-03-01", closed: true }, "from", "nights.date.invalid"],
    ["no weekday", { from: today, to: today, weekdays: [], closed: true }, "weekdays", "nights.weekdays.none"],
    ["a negative rate", { from: today, to: today, rateFen: -1 }, "rateFen", "nights.rate.invalid"],
    ["a rate in fractions of a fen", { from: today, to: today, rateFen: 100.5 }, "rateFen", "nights.rate.invalid"],
    ["negative rooms", { from: today, to: today, available: -1 }, "available", "nights.available.invalid"],
    ["nothing to change", { from: today, to: today }, "rateFen", "nights.change.none"],
  ])("refuses %s, writing nothing", async (_, change, field, message) => {
    const { tenantId, itemId } = await arrangeHotel({ priceFen: 10000, rooms: 2 });
    const attempt = db.scoped({ tenantId }, (tx) => changeNights(tx, { itemId, ...change }));
    const error = await attempt.then(() => null, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues).toContainEqual(expect.objectContaining({ path: [field], message }));
    expect(await rows(tenantId)).toEqual([]);
  });

  it("accepts 366 nights at once, and refuses nights before today in the store's time zone", async () => {
    const { tenantId, itemId } = await arrangeHotel({ priceFen: 10000, rooms: 2 });
    expect(await db.scoped({ tenantId }, (tx) => changeNights(tx, { itemId, from: today, to: addDays(today, 365), available: 1 }))).toBe(366);
    await expect(db.scoped({ tenantId }, (tx) => changeNights(tx, { itemId, from: addDays(today, -1), to: today, closed: true }))).rejects.toMatchObject({
      code: "nights.from.past", field: "from",
    });
    // 2027-01-01 00:30 in Shanghai is still 2026-12-31 in UTC: the store's date decides.
    const shanghaiMorning = new Date("2026-12-31T16:30:00Z");
    expect(storeToday(shanghaiMorning)).toBe("2027-01-01");
    await expect(db.scoped({ tenantId }, (tx) => changeNights(tx, { itemId, from: "2026-12-31", to: "2026-12-31", closed: true }, shanghaiMorning))).rejects.toBeInstanceOf(RoomNightsError);
    expect((await rows(tenantId)).every((row) => row.available === 1)).toBe(true);
  });

  it("never reads or writes another store's room: not found, nothing written", async () => {
    const mine = await arrangeHotel({ priceFen: 10000, rooms: 2 });
    const theirs = await arrangeHotel({ priceFen: 10000, rooms: 2 });
    const from = addDays(today, 1);
    await expect(db.scoped({ tenantId: mine.tenantId }, (tx) => changeNights(tx, { itemId: theirs.itemId, from, to: from, closed: true }))).rejects.toMatchObject({
      code: "nights.room.notFound",
    });
    await expect(db.scoped({ tenantId: mine.tenantId }, (tx) => monthCalendar(tx, theirs.itemId, "2027-01"))).rejects.toMatchObject({
      code: "nights.room.notFound",
    });
    // Even a raw insert naming their store is refused by row-level security.
    await expect(
      db.scoped({ tenantId: mine.tenantId }, (tx) =>
        tx.$executeRaw`INSERT INTO room_nights (tenant_id, item_id, date, available, updated_at) VALUES (${theirs.tenantId}::uuid, ${theirs.itemId}::uuid, ${from}::date, 0, now())`,
      ),
    ).rejects.toThrow(/row-level security/);
    const admin = await superuser();
    try {
      const { rows: written } = await admin.query("SELECT count(*)::int AS n FROM room_nights WHERE tenant_id = ANY($1)", [[mine.tenantId, theirs.tenantId]]);
      expect(written[0].n).toBe(0);
    } finally {
      await admin.end();
    }
  });
});
