// Members: joining with the phone number the shopper shared, the card the phone shows, the dashboard's list and a
// member's ledger, staff adjustments, and opening a member from their card's code.
import type { Transaction } from "@kaidian/db";
import { type CardCode, signCardCode, verifyCardCode } from "../card-code";
import { type Level, levelOf, nextLevelOf } from "../rules";
import { formatMemberNumber, maskPhone, type MemberRefusal, type PointsReason } from "../views";
import { changePoints } from "./ledger";
import { cardKey, readMemberRules } from "./settings";

export type MemberCard = {
  id: string;
  number: string;
  phone: string;
  level: Level;
  nextLevel: { name: string; leftFen: number } | null;
  points: number;
  spentFen: number;
  joinedAt: Date;
  pointsEnabled: boolean;
};

type MemberRow = { id: string; number: number; phone: string; points: number; spentFen: number; joinedAt: Date; shopperId: string };
const memberFields = { id: true, number: true, phone: true, points: true, spentFen: true, joinedAt: true, shopperId: true } as const;

async function cardOf(tx: Transaction, tenantId: string, row: MemberRow): Promise<MemberCard> {
  const rules = await readMemberRules(tx, tenantId);
  const next = nextLevelOf(rules.levels, row.spentFen);
  return {
    id: row.id,
    number: formatMemberNumber(row.number),
    phone: maskPhone(row.phone),
    level: levelOf(rules.levels, row.spentFen),
    nextLevel: next ? { name: next.level.name, leftFen: next.leftFen } : null,
    points: row.points,
    spentFen: row.spentFen,
    joinedAt: row.joinedAt,
    pointsEnabled: rules.pointsEnabled,
  };
}

export type Joined = { ok: true; created: boolean; card: MemberCard } | { ok: false; refusal: MemberRefusal };

/**
 * Makes the shopper a member with the phone number they shared, in ONE statement: the store's member counter rises
 * and the member row takes its value, so two shoppers joining at once never share a number. Joining again answers
 * the card the shopper already has.
 */
export async function joinMember(tx: Transaction, tenantId: string, shopperId: string, at: Date = new Date()): Promise<Joined> {
  const inserted = await tx.$queryRaw<{ id: string }[]>`
    WITH s AS (
      SELECT id, phone FROM shoppers
      WHERE tenant_id = ${tenantId}::uuid AND id = ${shopperId}::uuid AND phone IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM members m WHERE m.tenant_id = ${tenantId}::uuid AND m.shopper_id = ${shopperId}::uuid)
    ), counter AS (
      INSERT INTO member_settings AS ms (tenant_id, last_number) SELECT ${tenantId}::uuid, 1 FROM s
      ON CONFLICT (tenant_id) DO UPDATE SET last_number = ms.last_number + 1
      RETURNING last_number
    )
    INSERT INTO members (tenant_id, shopper_id, number, phone, joined_at)
    SELECT ${tenantId}::uuid, s.id, counter.last_number, s.phone, ${at}::timestamptz FROM s, counter
    ON CONFLICT (tenant_id, shopper_id) DO NOTHING
    RETURNING id`;
  const row = await tx.member.findFirst({ where: { tenantId, shopperId }, select: memberFields });
  if (!row) return { ok: false, refusal: "noPhone" };
  return { ok: true, created: inserted.length > 0, card: await cardOf(tx, tenantId, row) };
}

/** The shopper's card, or null when they have not joined. */
export async function memberCard(tx: Transaction, tenantId: string, shopperId: string): Promise<MemberCard | null> {
  const row = await tx.member.findFirst({ where: { tenantId, shopperId }, select: memberFields });
  return row ? cardOf(tx, tenantId, row) : null;
}

/** A fresh code for the shopper's card; null when they have not joined. */
export async function memberCardCode(tx: Transaction, tenantId: string, shopperId: string, masterKey: Buffer, at: Date = new Date()): Promise<CardCode | null> {
  const row = await tx.member.findFirst({ where: { tenantId, shopperId }, select: { number: true } });
  if (!row) return null;
  return signCardCode(await cardKey(tx, tenantId, masterKey), tenantId, row.number, at);
}

export type MemberListEntry = { id: string; number: string; phone: string; level: string; points: number; spentFen: number; joinedAt: Date };

/** The store's members, newest first; `search` is a member number or (part of) a phone number. */
export async function listMembers(tx: Transaction, tenantId: string, input: { search?: string; take?: number } = {}): Promise<MemberListEntry[]> {
  const rules = await readMemberRules(tx, tenantId);
  const digits = (input.search ?? "").replace(/\D/g, "");
  const where = digits
    ? { tenantId, OR: [...(digits.length <= 9 ? [{ number: Number(digits) }] : []), { phone: { contains: digits } }] }
    : { tenantId };
  const rows = await tx.member.findMany({ where, select: memberFields, orderBy: { joinedAt: "desc" }, take: input.take ?? 50 });
  return rows.map((row) => ({
    id: row.id,
    number: formatMemberNumber(row.number),
    phone: maskPhone(row.phone),
    level: levelOf(rules.levels, row.spentFen).name,
    points: row.points,
    spentFen: row.spentFen,
    joinedAt: row.joinedAt,
  }));
}

export type LedgerEntry = { id: string; change: number; balance: number; reason: PointsReason; orderNumber: string | null; note: string; at: Date };

export type MemberDetail = { card: MemberCard; ledger: LedgerEntry[] };

/** A member's card and their latest ledger rows (newest first). */
export async function memberDetail(tx: Transaction, tenantId: string, memberId: string): Promise<MemberDetail | null> {
  const row = await tx.member.findFirst({ where: { tenantId, id: memberId }, select: memberFields });
  if (!row) return null;
  const entries = await tx.pointEntry.findMany({ where: { tenantId, memberId }, orderBy: [{ at: "desc" }, { balance: "asc" }], take: 100 });
  const orderIds = [...new Set(entries.flatMap((entry) => (entry.orderId ? [entry.orderId] : [])))];
  const orders = await tx.order.findMany({ where: { tenantId, id: { in: orderIds } }, select: { id: true, number: true } });
  const numberOf = new Map(orders.map((order) => [order.id, order.number]));
  return {
    card: await cardOf(tx, tenantId, row),
    ledger: entries.map((entry) => ({
      id: entry.id,
      change: entry.change,
      balance: entry.balance,
      reason: entry.reason as PointsReason,
      orderNumber: entry.orderId ? (numberOf.get(entry.orderId) ?? null) : null,
      note: entry.note,
      at: entry.at,
    })),
  };
}

export type Adjusted = { ok: true; balance: number } | { ok: false; refusal: MemberRefusal };

/** Staff add or take points, with a note saying why; a deduction never takes the balance below zero. */
export async function adjustPoints(tx: Transaction, tenantId: string, input: { memberId: string; change: number; note: string; actorId: string }): Promise<Adjusted> {
  const exists = await tx.member.count({ where: { tenantId, id: input.memberId } });
  if (exists === 0) return { ok: false, refusal: "notFound" };
  const changed = await changePoints(tx, { tenantId, member: { id: input.memberId }, change: input.change, reason: "adjusted", note: input.note, actorId: input.actorId, keepNonNegative: true });
  return changed ? { ok: true, balance: changed.balance } : { ok: false, refusal: "pointsShort" };
}

export type ScannedMember = { ok: true; memberId: string } | { ok: false; refusal: MemberRefusal };

/** The member a card code (typed by a scanner, or read by the camera) opens, once its signature and time check out. */
export async function memberByCode(tx: Transaction, tenantId: string, code: string, masterKey: Buffer, at: Date = new Date()): Promise<ScannedMember> {
  const verified = verifyCardCode(await cardKey(tx, tenantId, masterKey), tenantId, code, at);
  if (!verified.ok) return { ok: false, refusal: verified.refusal === "malformed" ? "codeMalformed" : verified.refusal === "forged" ? "codeForged" : "codeExpired" };
  const row = await tx.member.findFirst({ where: { tenantId, number: verified.number }, select: { id: true } });
  return row ? { ok: true, memberId: row.id } : { ok: false, refusal: "notFound" };
}
