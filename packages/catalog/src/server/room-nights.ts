// A hotel room type's nights: the rate and the rooms left for each calendar date. A night without a row sells at
// the room's base price with all its rooms; a row overrides either or both. Dates are the store's calendar dates
// in China (Asia/Shanghai), held as "YYYY-MM-DD" strings and PostgreSQL `date`, so no server time zone shifts them.
import { type SaveFrom, staleRevision, type Transaction } from "@kaidian/db";
import { z } from "zod";
import { roomDetailsSchema } from "../items";
import { priceFenSchema } from "../money";

export const STORE_TIME_ZONE = "Asia/Shanghai";
/** The longest range one bulk change may cover: a year, leap day included. */
export const MAX_BULK_NIGHTS = 366;
/** The most rooms of one type a small hotel lists. */
export const MAX_ROOMS = 999;

const DAY_MS = 24 * 60 * 60 * 1000;

/** A refusal with a message key (translated by the dashboard) and, when it has one, the field it belongs to. */
export class RoomNightsError extends Error {
  override name = "RoomNightsError";
  constructor(
    readonly code: string,
    readonly field?: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(field ? `${code} (${field})` : code);
  }
}

export const calendarDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "nights.date.invalid" })
  .refine((value) => toDate(value).toISOString().slice(0, 10) === value, { error: "nights.date.invalid" });

export const calendarMonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: "nights.month.invalid" });

/** The date `value` names, as midnight UTC: how Prisma reads and writes a `date` column. */
export function toDate(value: string): Date {
  return new Date(`${value}T00:00:00Z`);
}

export function fromDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(value: string, days: number): string {
  return fromDate(new Date(toDate(value).getTime() + days * DAY_MS));
}

export function daysBetween(from: string, to: string): number {
  return Math.round((toDate(to).getTime() - toDate(from).getTime()) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday, as JavaScript and PostgreSQL's `extract(dow …)` count. */
export function weekdayOf(value: string): number {
  return toDate(value).getUTCDay();
}

/** Today's date in the store's time zone. */
export function storeToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: STORE_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

const roomCountSchema = z.object({ rooms: roomDetailsSchema.shape.rooms }).catch({ rooms: 1 });

/** Rooms of this type, from its details (the schema's default of one when they do not state it). */
export function roomCount(details: unknown): number {
  return roomCountSchema.parse(details).rooms;
}

/**
 * A bulk change to a range of nights. `rateFen`: a number sets the rate, null returns to the base price, absent
 * leaves it. `available` sets the rooms left; `closed` sells none (it wins over `available`); neither leaves them.
 */
export const setNightsInputSchema = z
  .object({
    itemId: z.uuid({ error: "nights.room.required" }),
    from: calendarDateSchema,
    to: calendarDateSchema,
    weekdays: z.array(z.int().min(0).max(6)).max(7).optional(),
    rateFen: z
      .int({ error: "nights.rate.invalid" })
      .min(0, { error: "nights.rate.invalid" })
      .max(priceFenSchema.maxValue!, { error: "nights.rate.invalid" })
      .nullable()
      .optional(),
    available: z.int({ error: "nights.available.invalid" }).min(0, { error: "nights.available.invalid" }).max(MAX_ROOMS, { error: "nights.available.invalid" }).optional(),
    closed: z.boolean().optional(),
  })
  .check((context) => {
    const { from, to, weekdays, rateFen, available, closed } = context.value;
    if (daysBetween(from, to) < 0) context.issues.push({ code: "custom", input: to, path: ["to"], message: "nights.range.backwards" });
    else if (daysBetween(from, to) + 1 > MAX_BULK_NIGHTS) context.issues.push({ code: "custom", input: to, path: ["to"], message: "nights.range.tooLong" });
    if (weekdays && weekdays.length === 0) context.issues.push({ code: "custom", input: weekdays, path: ["weekdays"], message: "nights.weekdays.none" });
    if (rateFen === undefined && available === undefined && !closed) context.issues.push({ code: "custom", input: rateFen, path: ["rateFen"], message: "nights.change.none" });
  });
export type SetNightsInput = z.input<typeof setNightsInputSchema>;

/** A room type; `nightsRevision` counts the bulk changes to its nights, and is what the next one names. */
export type RoomRef = { tenantId: string; id: string; title: string; priceFen: number; rooms: number; nightsRevision: number };

const roomFields = { tenantId: true, id: true, title: true, priceFen: true, details: true, nightsRevision: true } as const;

export type Night = {
  date: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** What the night sells at: the override, else the base price. */
  rateFen: number;
  /** Rooms left to sell after bookings; 0 when closed or sold out. */
  available: number;
  /** Rooms taken by bookings: awaiting payment (held) and paid (sold). */
  held: number;
  sold: number;
  /** The merchant offers no room this night (closed, or set to 0), as opposed to sold out. */
  closed: boolean;
  rateOverridden: boolean;
  availableOverridden: boolean;
};

/** The store's room type `itemId` (in the transaction's store scope); RoomNightsError when there is none. */
export async function findRoom(tx: Transaction, itemId: string): Promise<RoomRef> {
  const parsed = z.uuid().safeParse(itemId);
  const row = parsed.success
    ? await tx.catalogItem.findFirst({ where: { id: itemId, kind: "ROOM" }, select: roomFields })
    : null;
  if (!row) throw new RoomNightsError("nights.room.notFound", "itemId");
  const { details, ...room } = row;
  return { ...room, rooms: roomCount(details) };
}

/** The store's room types, in the merchant's order, for choosing one. */
export async function listRooms(tx: Transaction): Promise<RoomRef[]> {
  const rows = await tx.catalogItem.findMany({
    where: { kind: "ROOM" },
    select: roomFields,
    orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map(({ details, ...row }) => ({ ...row, rooms: roomCount(details) }));
}

/** Every night from `from` to `to` (both included) of `room`, with the base price and rooms filled in. */
export async function nightsBetween(tx: Transaction, room: RoomRef, from: string, to: string): Promise<Night[]> {
  const rows = await tx.roomNight.findMany({
    where: { itemId: room.id, date: { gte: toDate(from), lte: toDate(to) } },
    select: { date: true, rateFen: true, available: true, held: true, sold: true },
  });
  const byDate = new Map(rows.map((row) => [fromDate(row.date), row]));
  const nights: Night[] = [];
  for (let date = from; daysBetween(date, to) >= 0; date = addDays(date, 1)) {
    const row = byDate.get(date);
    // Fewer rooms may have been listed since a night was set: never sell more than there are.
    const offered = row ? Math.min(row.available, room.rooms) : room.rooms;
    const held = row?.held ?? 0;
    const sold = row?.sold ?? 0;
    nights.push({
      date,
      weekday: weekdayOf(date),
      rateFen: row?.rateFen ?? room.priceFen,
      available: Math.max(0, offered - held - sold),
      held,
      sold,
      closed: offered === 0,
      rateOverridden: row?.rateFen !== null && row?.rateFen !== undefined,
      // A booking's first hold of a night writes MAX_ROOMS there ("all the type's rooms"), see orders' stay-nights.ts.
      availableOverridden: row !== undefined && row.available < room.rooms,
    });
  }
  return nights;
}

export type MonthCalendar = { room: RoomRef; month: string; today: string; nights: Night[] };

/** One month ("YYYY-MM") of a room type's nights, for the rate calendar. */
export async function monthCalendar(tx: Transaction, itemId: string, month: string): Promise<MonthCalendar> {
  if (!calendarMonthSchema.safeParse(month).success) throw new RoomNightsError("nights.month.invalid", "month");
  const room = await findRoom(tx, itemId);
  const from = `${month}-01`;
  const next = new Date(toDate(from));
  next.setUTCMonth(next.getUTCMonth() + 1);
  const to = addDays(fromDate(next), -1);
  return { room, month, today: storeToday(), nights: await nightsBetween(tx, room, from, to) };
}

/**
 * Takes the room type's nights from revision `from.revision` to the next, in one conditional UPDATE that also
 * locks the room's row until the change commits; a StaleRevisionError when another change came first.
 *
 * The revision covers a room type's whole calendar rather than each night: a bulk change is decided from the month
 * the merchant sees (which nights are dear, which are closed), so any change to that calendar since it was shown
 * makes the decision stale, while a change to another room type, or to the room's own description, does not.
 */
async function takeNightsRevision(tx: Transaction, itemId: string, from: SaveFrom): Promise<void> {
  const taken = await tx.$executeRaw`
    UPDATE catalog_items
    SET nights_revision = nights_revision + 1, nights_updated_by_id = ${from.userId}::uuid, nights_updated_at = now()
    WHERE id = ${itemId}::uuid AND kind = 'ROOM' AND nights_revision = ${from.revision}`;
  if (taken > 0) return;
  await findRoom(tx, itemId);
  const row = await tx.catalogItem.findFirst({ where: { id: itemId }, select: { nightsRevision: true, nightsUpdatedAt: true, nightsUpdatedById: true } });
  throw await staleRevision(tx, "nights", row && { revision: row.nightsRevision, updatedAt: row.nightsUpdatedAt, updatedById: row.nightsUpdatedById });
}

/**
 * Applies one bulk change to every night of the range on the chosen weekdays, in one statement: nothing is
 * half-written. The change names the calendar revision it was made from (see takeNightsRevision). Nights before
 * today (store time) are refused, as are more rooms than the type has. Returns how many nights were set.
 */
export async function setNights(tx: Transaction, input: SetNightsInput, from: SaveFrom, now: Date = new Date()): Promise<number> {
  const change = setNightsInputSchema.parse(input);
  await takeNightsRevision(tx, change.itemId, from);
  const room = await findRoom(tx, change.itemId);
  if (daysBetween(storeToday(now), change.from) < 0) throw new RoomNightsError("nights.from.past", "from", { today: storeToday(now) });
  if (change.available !== undefined && change.available > room.rooms) {
    throw new RoomNightsError("nights.available.tooMany", "available", { rooms: room.rooms });
  }
  const weekdays = change.weekdays ?? [0, 1, 2, 3, 4, 5, 6];
  const dates: string[] = [];
  for (let date = change.from; daysBetween(date, change.to) >= 0; date = addDays(date, 1)) {
    if (weekdays.includes(weekdayOf(date))) dates.push(date);
  }
  if (dates.length === 0) throw new RoomNightsError("nights.weekdays.noneInRange", "weekdays");

  const setRate = change.rateFen !== undefined;
  const setAvailable = change.closed === true || change.available !== undefined;
  const available = change.closed ? 0 : (change.available ?? room.rooms);
  // A new row takes the base price and all rooms for whatever this change leaves alone.
  return tx.$executeRaw`
    INSERT INTO room_nights (tenant_id, item_id, date, rate_fen, available, updated_at)
    SELECT ${room.tenantId}::uuid, ${room.id}::uuid, night::date, ${setRate ? change.rateFen : null}::int, ${available}::int, now()
    FROM unnest(string_to_array(${dates.join(",")}, ',')) AS night
    ON CONFLICT (tenant_id, item_id, date) DO UPDATE SET
      rate_fen = CASE WHEN ${setRate} THEN EXCLUDED.rate_fen ELSE room_nights.rate_fen END,
      available = CASE WHEN ${setAvailable} THEN EXCLUDED.available ELSE room_nights.available END,
      updated_at = now()`;
}
