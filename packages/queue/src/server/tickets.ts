// Queue numbers in PostgreSQL. Taking a number is one statement: the group's daily counter (queue_counters, keyed by
// store, Asia/Shanghai day and letter) is bumped by a conditional upsert and the ticket inserted with its value, so
// however many shoppers take at once, each group's numbers are distinct and consecutive, and a new day starts at 1.
// Staff's calls are each one conditional UPDATE out of the states the action allows; the shopper is told after the
// commit (notify.ts).
import type { Transaction } from "@kaidian/db";
import { shanghaiDay } from "@kaidian/orders";
import { groupFor, LIVE_STATUSES, type Locale, type QueueGroup, type QueueRefusal, type QueueSettings, ticketCode, ticketStatusName, type TicketStatus } from "../index";
import { readQueueSettings } from "./settings";

export type TicketRecord = {
  id: string;
  day: string;
  prefix: string;
  number: number;
  partySize: number;
  shopperId: string;
  status: TicketStatus;
  calls: number;
  createdAt: Date;
  calledAt: Date | null;
  closedAt: Date | null;
};

type TicketRow = {
  id: string;
  day: Date;
  prefix: string;
  number: number;
  party_size: number;
  shopper_id: string;
  status: string;
  calls: number;
  created_at: Date;
  called_at: Date | null;
  closed_at: Date | null;
};

const COLUMNS = "id, day, prefix, number, party_size, shopper_id, status, calls, created_at, called_at, closed_at";

function record(row: TicketRow): TicketRecord {
  return {
    id: row.id,
    day: row.day.toISOString().slice(0, 10),
    prefix: row.prefix,
    number: row.number,
    partySize: row.party_size,
    shopperId: row.shopper_id,
    status: row.status as TicketStatus,
    calls: row.calls,
    createdAt: row.created_at,
    calledAt: row.called_at,
    closedAt: row.closed_at,
  };
}

export type TakeInput = { tenantId: string; shopperId: string; partySize: number; at?: Date };
export type TakeResult = { ok: true; ticket: TicketRecord; created: boolean } | { ok: false; refusal: QueueRefusal };

/**
 * Takes the next number of the party's group today. A shopper holds one live number a day: taking again answers
 * the one they hold (`created: false`), so a double tap or a retried request never costs a second place.
 */
export async function takeNumber(tx: Transaction, input: TakeInput): Promise<TakeResult> {
  const at = input.at ?? new Date();
  const settings = await readQueueSettings(tx);
  if (!settings.enabled) return { ok: false, refusal: "queue.closed" };
  if (!Number.isInteger(input.partySize)) return { ok: false, refusal: "queue.partySize" };
  const group = groupFor(settings, input.partySize);
  if (!group) return { ok: false, refusal: "queue.partySize" };
  const day = shanghaiDay(at);
  // The counter moves only when the shopper holds no live number today; the insert then cannot collide with one
  // (a same-shopper race is caught by the partial unique index, rolling the counter back with it).
  const rows = await tx.$queryRawUnsafe<TicketRow[]>(
    `WITH n AS (
       INSERT INTO queue_counters AS c (tenant_id, day, prefix, last)
       SELECT $1::uuid, $2::date, $3, 1
       WHERE NOT EXISTS (SELECT 1 FROM queue_tickets WHERE shopper_id = $4::uuid AND day = $2::date AND status IN ('waiting', 'called'))
       ON CONFLICT (tenant_id, day, prefix) DO UPDATE SET last = c.last + 1
       RETURNING last
     )
     INSERT INTO queue_tickets (tenant_id, day, prefix, number, party_size, shopper_id, created_at)
     SELECT $1::uuid, $2::date, $3, n.last, $5, $4::uuid, $6 FROM n
     RETURNING ${COLUMNS}`,
    input.tenantId,
    day,
    group.prefix,
    input.shopperId,
    input.partySize,
    at,
  );
  if (rows[0]) return { ok: true, ticket: record(rows[0]), created: true };
  const held = await liveTicket(tx, input.shopperId, at);
  if (!held) throw new Error("No number was given and the shopper holds none");
  return { ok: true, ticket: held, created: false };
}

/** The shopper's live number today, if any. */
export async function liveTicket(tx: Transaction, shopperId: string, at: Date = new Date()): Promise<TicketRecord | null> {
  const rows = await tx.$queryRawUnsafe<TicketRow[]>(
    `SELECT ${COLUMNS} FROM queue_tickets WHERE shopper_id = $1::uuid AND day = $2::date AND status IN ('waiting', 'called') LIMIT 1`,
    shopperId,
    shanghaiDay(at),
  );
  return rows[0] ? record(rows[0]) : null;
}

export async function readTicket(tx: Transaction, ticketId: string): Promise<TicketRecord | null> {
  const rows = await tx.$queryRawUnsafe<TicketRow[]>(`SELECT ${COLUMNS} FROM queue_tickets WHERE id = $1::uuid`, ticketId);
  return rows[0] ? record(rows[0]) : null;
}

/** How many of the same group and day are still waiting before this number. */
export async function aheadOf(tx: Transaction, ticket: TicketRecord): Promise<number> {
  if (ticket.status !== "waiting") return 0;
  const rows = await tx.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM queue_tickets WHERE day = $1::date AND prefix = $2 AND status = 'waiting' AND number < $3`,
    ticket.day,
    ticket.prefix,
    ticket.number,
  );
  return rows[0]?.n ?? 0;
}

export type TicketView = {
  id: string;
  code: string;
  prefix: string;
  number: number;
  partySize: number;
  group: string;
  status: TicketStatus;
  statusName: string;
  ahead: number;
  takenAt: string;
  calledAt: string | null;
};

/** The number as the shopper's phone shows it. */
export async function ticketView(tx: Transaction, ticket: TicketRecord, settings: QueueSettings, locale: Locale): Promise<TicketView> {
  const group: QueueGroup | undefined = settings.groups.find((candidate) => candidate.prefix === ticket.prefix);
  return {
    id: ticket.id,
    code: ticketCode(ticket.prefix, ticket.number),
    prefix: ticket.prefix,
    number: ticket.number,
    partySize: ticket.partySize,
    group: group?.label ?? ticket.prefix,
    status: ticket.status,
    statusName: ticketStatusName(ticket.status, locale),
    ahead: await aheadOf(tx, ticket),
    takenAt: ticket.createdAt.toISOString(),
    calledAt: ticket.calledAt?.toISOString() ?? null,
  };
}

/** The shopper gives up their number. Only their own, only while it is live. */
export async function cancelTicket(tx: Transaction, shopperId: string, ticketId: string): Promise<{ ok: true; ticket: TicketRecord } | { ok: false; refusal: QueueRefusal }> {
  const rows = await tx.$queryRawUnsafe<TicketRow[]>(
    `UPDATE queue_tickets SET status = 'cancelled', closed_at = now() WHERE id = $1::uuid AND shopper_id = $2::uuid AND status IN ('waiting', 'called') RETURNING ${COLUMNS}`,
    ticketId,
    shopperId,
  );
  if (rows[0]) return { ok: true, ticket: record(rows[0]) };
  const existing = await readTicket(tx, ticketId);
  return { ok: false, refusal: existing && existing.shopperId === shopperId ? "queue.ticketClosed" : "queue.ticketNotFound" };
}

export type StaffAction = "call" | "seat" | "skip";

/** Which states each staff action starts from, and where it leads. A call of a called number calls it again. */
const STAFF_RULES: Record<StaffAction, { from: readonly TicketStatus[]; sql: string }> = {
  call: { from: LIVE_STATUSES, sql: "status = 'called', calls = calls + 1, called_at = now()" },
  seat: { from: LIVE_STATUSES, sql: "status = 'seated', closed_at = now(), closed_by_id = $2::uuid" },
  skip: { from: LIVE_STATUSES, sql: "status = 'skipped', closed_at = now(), closed_by_id = $2::uuid" },
};

export type StaffResult = { ok: true; ticket: TicketRecord } | { ok: false; refusal: QueueRefusal };

/** Staff call, seat or skip one number: one conditional UPDATE, so two staff tapping at once cannot both act. */
export async function actOnTicket(tx: Transaction, ticketId: string, action: StaffAction, staffId: string): Promise<StaffResult> {
  const rule = STAFF_RULES[action];
  const statuses = rule.from.map((status) => `'${status}'`).join(", ");
  // $2 (who closed it) is named in the WHERE too, so PostgreSQL knows its type when the SET does not use it (a call).
  const rows = await tx.$queryRawUnsafe<TicketRow[]>(
    `UPDATE queue_tickets SET ${rule.sql} WHERE id = $1::uuid AND status IN (${statuses}) AND $2::uuid IS NOT NULL RETURNING ${COLUMNS}`,
    ticketId,
    staffId,
  );
  if (rows[0]) return { ok: true, ticket: record(rows[0]) };
  return { ok: false, refusal: (await readTicket(tx, ticketId)) ? "queue.ticketClosed" : "queue.ticketNotFound" };
}

/**
 * Calls the lowest waiting number of the group today. Two staff calling at once call two different numbers: the
 * row is taken with SKIP LOCKED, and the UPDATE is conditional on it still waiting.
 */
export async function callNext(tx: Transaction, prefix: string, at: Date = new Date()): Promise<StaffResult> {
  const rows = await tx.$queryRawUnsafe<TicketRow[]>(
    `UPDATE queue_tickets SET status = 'called', calls = calls + 1, called_at = now()
     WHERE (tenant_id, id) = (
       SELECT tenant_id, id FROM queue_tickets WHERE day = $1::date AND prefix = $2 AND status = 'waiting'
       ORDER BY number LIMIT 1 FOR UPDATE SKIP LOCKED
     ) AND status = 'waiting'
     RETURNING ${COLUMNS}`,
    shanghaiDay(at),
    prefix,
  );
  return rows[0] ? { ok: true, ticket: record(rows[0]) } : { ok: false, refusal: "queue.nobodyWaiting" };
}

export type BoardGroup = QueueGroup & { waiting: TicketRecord[]; called: TicketRecord[] };
export type QueueBoard = { day: string; settings: QueueSettings & { revision: number }; groups: BoardGroup[]; closed: TicketRecord[] };

/** Today's queue as staff see it: per group, who is waiting (in order) and who is called; the last numbers closed. */
export async function readQueueBoard(tx: Transaction, at: Date = new Date()): Promise<QueueBoard> {
  const day = shanghaiDay(at);
  const settings = await readQueueSettings(tx);
  const live = (
    await tx.$queryRawUnsafe<TicketRow[]>(`SELECT ${COLUMNS} FROM queue_tickets WHERE day = $1::date AND status IN ('waiting', 'called') ORDER BY prefix, number`, day)
  ).map(record);
  const closed = (
    await tx.$queryRawUnsafe<TicketRow[]>(`SELECT ${COLUMNS} FROM queue_tickets WHERE day = $1::date AND status NOT IN ('waiting', 'called') ORDER BY closed_at DESC NULLS LAST LIMIT 20`, day)
  ).map(record);
  const prefixes = new Set(settings.groups.map((group) => group.prefix));
  // Numbers of a group the merchant has since removed still show, under their letter, until they are closed.
  const orphans = [...new Set(live.map((ticket) => ticket.prefix))].filter((prefix) => !prefixes.has(prefix));
  const groups = [...settings.groups, ...orphans.map((prefix) => ({ prefix, label: prefix, minSize: 1, maxSize: null }))].map((group) => ({
    ...group,
    waiting: live.filter((ticket) => ticket.prefix === group.prefix && ticket.status === "waiting"),
    called: live.filter((ticket) => ticket.prefix === group.prefix && ticket.status === "called"),
  }));
  return { day, settings, groups, closed };
}

/** How many wait in each group today: what the Mini Program shows before a number is taken. */
export async function waitingByGroup(tx: Transaction, at: Date = new Date()): Promise<Record<string, number>> {
  const rows = await tx.$queryRawUnsafe<{ prefix: string; n: number }[]>(
    `SELECT prefix, count(*)::int AS n FROM queue_tickets WHERE day = $1::date AND status = 'waiting' GROUP BY prefix`,
    shanghaiDay(at),
  );
  return Object.fromEntries(rows.map((row) => [row.prefix, row.n]));
}
