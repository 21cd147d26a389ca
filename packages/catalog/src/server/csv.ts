// Products and dishes as a spreadsheet. Export writes the columns of csv-columns.ts with a BOM so Excel reads the
// Chinese; import checks every row before writing any, and writes all of them in the caller's one transaction.
import { isDeepStrictEqual } from "node:util";
import type { Prisma, Transaction } from "@kaidian/db";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { CSV_COLUMNS, CSV_NO, CSV_YES, type CsvColumn, type CsvColumnKey, type CsvKind, readYesNo } from "../csv-columns";
import { categorySchema, type ItemEdit, itemEditSchema } from "../items";
import { formatYuan, parseYuan } from "../money";
import { type Problem, problemsOf } from "../problems";
import { CsvImportError, type CsvProblem } from "./errors";
import { isUuid, kindToDatabase } from "./kinds";
import { positionOrder } from "./order";
import { listItems, readItem } from "./items";
import { lockedItemCount } from "./item-limit";
import { MAX_STORE_ITEMS } from "../items";

/** The most rows one import takes: the catalog's own limit. */
export const CSV_MAX_ROWS = MAX_STORE_ITEMS;

export type CsvImportResult = { created: number; updated: number; unchanged: number };

/**
 * The file's text. Excel in China saves "CSV" in GB18030 unless told UTF-8, so bytes that are not UTF-8 are read
 * as GB18030 rather than refused.
 */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

/** The store's products or dishes as CSV text, in the dashboard's order. */
export async function exportCatalogCsv(tx: Transaction, tenantId: string, kind: CsvKind): Promise<string> {
  const columns = CSV_COLUMNS[kind];
  const categories = await tx.catalogCategory.findMany({ where: { tenantId }, select: { id: true, name: true }, orderBy: positionOrder });
  const names = new Map(categories.map((category) => [category.id, category.name]));
  const listed = (await listItems(tx, tenantId)).filter((item) => item.kind === kind);
  const rows: string[][] = [];
  for (const { id } of listed) {
    const item = await readItem(tx, tenantId, id);
    const cells: Record<CsvColumnKey, string> = {
      id: item.id,
      category: item.categoryId ? (names.get(item.categoryId) ?? "") : "",
      title: item.title,
      price: formatYuan(item.priceFen),
      description: item.description,
      images: item.images.join(" "),
      visible: item.visible ? CSV_YES : CSV_NO,
      soldOut: item.kind === "dish" && item.details.soldOut ? CSV_YES : CSV_NO,
    };
    rows.push(columns.map((column) => cells[column.key]));
  }
  return `\ufeff${stringify([columns.map((column) => column.header), ...rows], { record_delimiter: "\r\n" })}`;
}

const normalise = (header: string) => header.trim().toLowerCase();

/** Which column each header is, or the problems of the header row. */
function readHeader(kind: CsvKind, header: string[]): { at: Map<CsvColumnKey, number>; names: Map<CsvColumnKey, string> } | CsvProblem[] {
  const columns = CSV_COLUMNS[kind];
  const problems: CsvProblem[] = [];
  const at = new Map<CsvColumnKey, number>();
  const names = new Map<CsvColumnKey, string>();
  header.forEach((cell, index) => {
    if (cell.trim() === "") return;
    const column = columns.find((c) => [c.header, ...c.aliases].some((name) => normalise(name) === normalise(cell)));
    if (!column) problems.push({ line: 1, column: cell.trim(), code: "unknownColumn" });
    else if (at.has(column.key)) problems.push({ line: 1, column: cell.trim(), code: "duplicateColumn" });
    else {
      at.set(column.key, index);
      names.set(column.key, cell.trim());
    }
  });
  for (const column of columns) {
    if (column.required && !at.has(column.key)) problems.push({ line: 1, column: column.header, code: "missingColumn" });
  }
  return problems.length > 0 ? problems : { at, names };
}

/** Which column an item field's problem belongs in. */
function columnOfPath(path: Problem["path"]): CsvColumnKey {
  const [field, detail] = path;
  if (field === "priceFen") return "price";
  if (field === "details" && detail === "soldOut") return "soldOut";
  if (field === "title" || field === "description" || field === "images") return field;
  return "title";
}

type PlannedRow = { line: number; id: string | null; category: string | null; item: ItemEdit; visible: boolean };

/**
 * Imports products or dishes. Rows with the id of one of the store's items update it (only what the columns hold:
 * an item's SKUs and option groups stay as they are); others create items; categories are found by name and
 * created when missing. Every row is checked first: any problem and nothing is written (CsvImportError lists them all).
 */
export async function importCatalogCsv(tx: Transaction, tenantId: string, kind: CsvKind, text: string, userId: string): Promise<CsvImportResult> {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true });
  } catch (error) {
    const records = (error as { records?: number }).records ?? 0;
    throw new CsvImportError([{ line: records + 1, column: "", code: "unreadable" }]);
  }
  const [header = [], ...body] = records;
  const columns = readHeader(kind, header);
  if (Array.isArray(columns)) throw new CsvImportError(columns);
  const { at, names } = columns;
  const columnName = (key: CsvColumnKey) => names.get(key) ?? (CSV_COLUMNS[kind].find((c) => c.key === key) as CsvColumn).header;

  const rows = body.map((cells, index) => ({ line: index + 2, cells })).filter(({ cells }) => cells.some((cell) => cell.trim() !== ""));
  if (rows.length === 0) throw new CsvImportError([{ line: 2, column: "", code: "noRows" }]);
  if (rows.length > CSV_MAX_ROWS) throw new CsvImportError([{ line: CSV_MAX_ROWS + 2, column: "", code: "tooMany", params: { max: CSV_MAX_ROWS } }]);

  const existing = new Map((await listItems(tx, tenantId)).filter((item) => item.kind === kind).map((item) => [item.id, item]));
  const problems: CsvProblem[] = [];
  const planned: PlannedRow[] = [];
  const seenIds = new Set<string>();

  for (const { line, cells } of rows) {
    const cell = (key: CsvColumnKey) => {
      const index = at.get(key);
      return index === undefined ? "" : (cells[index] ?? "");
    };
    const rowProblems: (CsvProblem & { at: number })[] = [];
    const refuse = (key: CsvColumnKey, code: Problem["code"], params?: Record<string, number>) =>
      rowProblems.push({ line, column: columnName(key), code, ...(params ? { params } : {}), at: at.get(key) ?? -1 });

    if (cells.length > header.length) rowProblems.push({ line, column: "", code: "extraCells", params: { max: header.length }, at: -1 });
    const id = cell("id").trim() || null;
    if (id !== null && (!isUuid(id) || !existing.has(id))) refuse("id", "unknownId");
    else if (id !== null && seenIds.has(id)) refuse("id", "duplicateId");
    if (id !== null) seenIds.add(id);

    const categoryCell = cell("category").trim();
    const categoryName = categoryCell === "" ? null : categorySchema.shape.name.safeParse(categoryCell);
    if (categoryName && !categoryName.success) {
      const [problem] = problemsOf(categoryName.error);
      refuse("category", problem!.code, problem!.params);
    }

    const price = parseYuan(cell("price"));
    if (!price.ok) refuse("price", price.problem);
    const flags = { visible: cell("visible"), soldOut: cell("soldOut") } as const;
    const flag = (key: keyof typeof flags, otherwise: boolean) => {
      if (flags[key].trim() === "") return otherwise;
      const value = readYesNo(flags[key]);
      if (value === undefined) refuse(key, "yesNo");
      return value ?? otherwise;
    };
    const current = id !== null && existing.has(id) ? await readItem(tx, tenantId, id) : null;
    const visible = flag("visible", current?.visible ?? true);
    const soldOut = flag("soldOut", current?.kind === "dish" ? current.details.soldOut : false);

    const parsed = itemEditSchema.safeParse({
      kind,
      categoryId: current?.categoryId ?? null,
      title: cell("title").trim(),
      description: cell("description"),
      priceFen: price.ok ? price.fen : (current?.priceFen ?? 0),
      images: cell("images").split(/\s+/).filter(Boolean),
      details: kind === "dish" ? { ...(current?.details ?? {}), soldOut } : (current?.details ?? {}),
    });
    if (!parsed.success) for (const problem of problemsOf(parsed.error)) refuse(columnOfPath(problem.path), problem.code, problem.params);
    // Left to right, as the merchant reads the row.
    problems.push(...rowProblems.sort((a, b) => a.at - b.at).map(({ at: _, ...problem }) => problem));
    if (rowProblems.length === 0 && parsed.success) {
      planned.push({ line, id, category: categoryName?.data ?? null, item: parsed.data, visible });
    }
  }
  if (problems.length > 0) throw new CsvImportError(problems);
  // Counted under the store's lock, so the refusal names the first row that would not fit.
  const room = MAX_STORE_ITEMS - (await lockedItemCount(tx, tenantId));
  const added = planned.filter((row) => row.id === null);
  if (added.length > room) {
    throw new CsvImportError([{ line: added[Math.max(room, 0)]!.line, column: "", code: "itemLimit", params: { max: MAX_STORE_ITEMS, room: Math.max(room, 0) } }]);
  }
  return write(tx, tenantId, planned, userId);
}

async function write(tx: Transaction, tenantId: string, planned: PlannedRow[], userId: string): Promise<CsvImportResult> {
  const categories = await tx.catalogCategory.findMany({ where: { tenantId }, select: { id: true, name: true, position: true }, orderBy: positionOrder });
  const categoryIds = new Map(categories.map((category) => [category.name, category.id]));
  let categoryPosition = Math.max(-1, ...categories.map((category) => category.position)) + 1;
  const last = await tx.catalogItem.aggregate({ where: { tenantId }, _max: { position: true } });
  let itemPosition = (last._max.position ?? -1) + 1;
  const result: CsvImportResult = { created: 0, updated: 0, unchanged: 0 };
  // New rows go in one statement: an import of thousands stays well inside the transaction's time.
  const created: Prisma.CatalogItemCreateManyInput[] = [];

  for (const row of planned) {
    let categoryId: string | null = null;
    if (row.category !== null) {
      categoryId = categoryIds.get(row.category) ?? null;
      if (categoryId === null) {
        ({ id: categoryId } = await tx.catalogCategory.create({ data: { tenantId, name: row.category, position: categoryPosition++ }, select: { id: true } }));
        categoryIds.set(row.category, categoryId);
      }
    }
    const { kind, details, ...fields } = { ...row.item, categoryId };
    const data = { ...fields, kind: kindToDatabase[kind], details: details as Prisma.InputJsonObject, visible: row.visible };
    if (row.id === null) {
      created.push({ tenantId, ...data, position: itemPosition++ });
    } else if (await differs(tx, tenantId, row.id, data)) {
      // An import is a save like the form's: a form opened before it is refused rather than undoing it.
      await tx.catalogItem.update({
        where: { tenantId_id: { tenantId, id: row.id } },
        data: { ...data, sample: false, revision: { increment: 1 }, updatedById: userId },
      });
      result.updated += 1;
    } else {
      result.unchanged += 1;
    }
  }
  result.created = (await tx.catalogItem.createMany({ data: created })).count;
  return result;
}

/** Whether writing `data` would change the item: an unchanged row is left alone (a sample stays a sample). */
async function differs(tx: Transaction, tenantId: string, id: string, data: Record<string, unknown>): Promise<boolean> {
  const row = await tx.catalogItem.findFirstOrThrow({
    where: { tenantId, id },
    select: { categoryId: true, kind: true, title: true, description: true, priceFen: true, images: true, details: true, visible: true },
  });
  return Object.entries(data).some(([key, value]) => !isDeepStrictEqual(row[key as keyof typeof row], value));
}
