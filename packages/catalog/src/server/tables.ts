// A restaurant's tables. Each has a short random code that its QR code carries, so renaming a table keeps its
// printed code working, and a code says nothing about the store's size or layout.
import { randomInt } from "node:crypto";
import { type Database, type SaveFrom, staleRevision, type Transaction } from "@kaidian/db";
import { z } from "zod";
import { halfWidthNumber, lineText } from "../text";

/** WeChat's limit on the `scene` of an unlimited Mini Program code (wxacode.getUnlimited). */
export const MAX_SCENE_LENGTH = 32;
export const MAX_TABLES = 300;
// No 0/O, 1/I/L: a code may be read aloud or typed from the printed card. Six of 31 symbols: ~890 million codes.
const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const CODE_LENGTH = 6;
/** What the runtime's order page accepts as a table (apps/runtime-miniapp/src/lib/dining.js). */
export const TABLE_CODE_PATTERN = /^[A-Za-z0-9-]{1,8}$/;

export class TableError extends Error {
  override name = "TableError";
  constructor(
    readonly code: string,
    readonly field?: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(field ? `${code} (${field})` : code);
  }
}

export const tableInputSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: "tables.name.required" })
    .max(12, { error: "tables.name.tooLong" })
    .refine((value) => lineText(12).safeParse(value).success, { error: "tables.name.invalid" }),
  seats: z.preprocess(
    (value) => (typeof value === "string" ? halfWidthNumber(value) : value),
    z.coerce
      .number({ error: "tables.seats.invalid" })
      .int({ error: "tables.seats.invalid" })
      .min(1, { error: "tables.seats.invalid" })
      .max(50, { error: "tables.seats.invalid" }),
  ),
});
export type TableInput = z.input<typeof tableInputSchema>;

/** A table as the dashboard shows it; `revision` is what a save of its form names. */
export type DiningTableView = { id: string; name: string; code: string; seats: number; position: number; revision: number };

const fields = { id: true, name: true, code: true, seats: true, position: true, revision: true } as const;

/** The Mini Program code's scene for a table: what its page reads as `scene` (see lib/dining.js). */
export function tableScene(code: string): string {
  if (!TABLE_CODE_PATTERN.test(code)) throw new Error(`Table code ${JSON.stringify(code)} is not one the Mini Program reads`);
  const scene = `t=${code}`;
  if (scene.length > MAX_SCENE_LENGTH) throw new Error(`Scene ${scene} is longer than WeChat's ${MAX_SCENE_LENGTH} characters`);
  return scene;
}

/**
 * The address a table's printed QR code holds. The merchant registers `<publicUrl>/q/` as an ordinary-link QR
 * rule in the Mini Program's admin, so WeChat opens the order page with this address in `q`; other scanners
 * open the landing page at that address.
 */
export function tableLink(publicUrl: string, tenantId: string, code: string): string {
  tableScene(code);
  return `${publicUrl.replace(/\/+$/, "")}/q/${tenantId}/${code}`;
}

export function newTableCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
}

export function listTables(tx: Transaction): Promise<DiningTableView[]> {
  return tx.diningTable.findMany({ select: fields, orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }] });
}

// Names are unique per store (case-insensitively, "a1" and "A1" are one table to a waiter); the lock serialises
// the check and the write between two merchants adding tables at once.
async function lockTables(tx: Transaction, tenantId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`dining_tables:${tenantId}`}, 0))`;
}

async function refuseTakenName(tx: Transaction, name: string, exceptId?: string) {
  const taken = await tx.diningTable.findFirst({
    where: { name: { equals: name, mode: "insensitive" }, id: exceptId ? { not: exceptId } : undefined },
    select: { id: true },
  });
  if (taken) throw new TableError("tables.name.taken", "name", { name });
}

export async function createTable(tx: Transaction, tenantId: string, input: TableInput): Promise<DiningTableView> {
  const table = tableInputSchema.parse(input);
  await lockTables(tx, tenantId);
  await refuseTakenName(tx, table.name);
  const count = await tx.diningTable.count();
  if (count >= MAX_TABLES) throw new TableError("tables.tooMany", undefined, { max: MAX_TABLES });
  const last = await tx.diningTable.aggregate({ _max: { position: true } });
  const taken = new Set((await tx.diningTable.findMany({ select: { code: true } })).map((row) => row.code));
  let code = newTableCode();
  while (taken.has(code)) code = newTableCode();
  return tx.diningTable.create({
    data: { tenantId, name: table.name, seats: table.seats, code, position: (last._max.position ?? -1) + 1 },
    select: fields,
  });
}

/** Renames or re-seats the table, if nobody changed it since the form was opened at `from.revision` (one conditional UPDATE). */
export async function updateTable(tx: Transaction, tenantId: string, id: string, input: TableInput, from: SaveFrom): Promise<DiningTableView> {
  const table = tableInputSchema.parse(input);
  await lockTables(tx, tenantId);
  await findTable(tx, id);
  await refuseTakenName(tx, table.name, id);
  const saved = await tx.diningTable.updateMany({
    where: { tenantId, id, revision: from.revision },
    data: { ...table, revision: { increment: 1 }, updatedById: from.userId },
  });
  if (saved.count === 0) {
    const row = await tx.diningTable.findFirst({ where: { id }, select: { revision: true, updatedAt: true, updatedById: true } });
    throw await staleRevision(tx, "table", row);
  }
  return findTable(tx, id);
}

export async function deleteTable(tx: Transaction, id: string): Promise<void> {
  await findTable(tx, id);
  await tx.diningTable.deleteMany({ where: { id } });
}

/** The store's table `id` (in the transaction's store scope); TableError when there is none. */
export async function findTable(tx: Transaction, id: string): Promise<DiningTableView> {
  const row = z.uuid().safeParse(id).success ? await tx.diningTable.findFirst({ where: { id }, select: fields }) : null;
  if (!row) throw new TableError("tables.notFound");
  return row;
}

/** What a scanned table link shows outside WeChat: the store's and table's names; null for no such active store or table. */
export async function tableLanding(db: Database, tenantId: string, code: string): Promise<{ storeName: string; tableName: string } | null> {
  if (!z.uuid().safeParse(tenantId).success || !TABLE_CODE_PATTERN.test(code)) return null;
  return db.scoped({ tenantId }, async (tx) => {
    const store = await tx.tenant.findFirst({ where: { id: tenantId, status: "ACTIVE" }, select: { name: true } });
    const table = store ? await tx.diningTable.findFirst({ where: { code }, select: { name: true } }) : null;
    return store && table ? { storeName: store.name, tableName: table.name } : null;
  });
}
