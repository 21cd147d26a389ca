// A store's items as its merchants edit them: one kind per store (its template's), checked against the item's
// own schema, never trusted from the form. Every query names the tenant as well as running in its scope.
import { type Prisma, type SaveFrom, staleRevision, type Transaction } from "@kaidian/db";
import { z } from "zod";
import { dishDetailsSchema, type Item, type ItemEdit, itemEditSchema, type ItemKind, itemSchema, MAX_STORE_ITEMS } from "../items";
import { problemsOf } from "../problems";
import { CatalogError, CatalogInputError } from "./errors";
import { isUuid, kindFromDatabase, kindToDatabase } from "./kinds";
import { type Direction, moved, positionOrder, renumber } from "./order";
import { lockedItemCount } from "./item-limit";

/** An item as the dashboard's list shows it. */
export type ListedItem = {
  id: string;
  categoryId: string | null;
  kind: ItemKind;
  title: string;
  priceFen: number;
  visible: boolean;
  sample: boolean;
  /** Dishes only; false for everything else. */
  soldOut: boolean;
};

/** An item as its form edits it; `revision` is what a save of the form names. */
export type EditedItem = Item & { visible: boolean; sample: boolean; revision: number };

const rowFields = {
  id: true, categoryId: true, kind: true, title: true, description: true, priceFen: true, images: true, details: true,
  visible: true, sample: true, revision: true,
} as const;

type Row = Prisma.CatalogItemGetPayload<{ select: typeof rowFields }>;

function toItem({ kind, visible, sample, revision, ...row }: Row): EditedItem {
  return { ...itemSchema.parse({ ...row, kind: kindFromDatabase[kind] }), visible, sample, revision };
}

const listedFields = { id: true, categoryId: true, kind: true, title: true, priceFen: true, visible: true, sample: true, details: true } as const;

function toListed({ kind, details, ...row }: Prisma.CatalogItemGetPayload<{ select: typeof listedFields }>): ListedItem {
  return { ...row, kind: kindFromDatabase[kind], soldOut: kind === "DISH" && dishDetailsSchema.safeParse(details).data?.soldOut === true };
}

/** Every item of the store, in the merchant's order (the spreadsheet export and import read them all). */
export async function listItems(tx: Transaction, tenantId: string): Promise<ListedItem[]> {
  const rows = await tx.catalogItem.findMany({ where: { tenantId }, select: listedFields, orderBy: positionOrder });
  return rows.map(toListed);
}

export const ITEM_LIST_PAGE_SIZE = 50;
/** "No category" in the dashboard's category filter. */
export const UNCATEGORISED = "none";

/** The dashboard list's query string: a page, search text in titles, and a category (or "none"). */
export const itemListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).catch(1),
  q: z.string().trim().max(40).catch(""),
  category: z.union([z.uuid(), z.literal(UNCATEGORISED)]).optional().catch(undefined),
});
/** As it arrives in the query string: anything unreadable falls back to the first page, no search, every category. */
export type ItemListQuery = { page?: unknown; q?: unknown; category?: unknown };

export type ItemListPage = {
  items: ListedItem[];
  /** Items matching the search and category; the store's own count is `countItems`. */
  matching: number;
  page: number;
  pageCount: number;
};

/**
 * One page of the dashboard's list: grouped by category in the categories' order (uncategorised last), each in
 * the merchant's order. A page past the end answers the last one.
 */
export async function listItemsPage(tx: Transaction, tenantId: string, query: ItemListQuery = {}): Promise<ItemListPage> {
  const { page, q, category } = itemListQuerySchema.parse(query);
  const where: Prisma.CatalogItemWhereInput = {
    tenantId,
    ...(category === undefined ? {} : { categoryId: category === UNCATEGORISED ? null : category }),
    ...(q ? { title: { contains: q, mode: "insensitive" } } : {}),
  };
  const matching = await tx.catalogItem.count({ where });
  const pageCount = Math.max(1, Math.ceil(matching / ITEM_LIST_PAGE_SIZE));
  const shown = Math.min(page, pageCount);
  const rows = await tx.catalogItem.findMany({
    where,
    select: listedFields,
    orderBy: [{ category: { position: "asc" } }, { categoryId: "asc" }, ...positionOrder],
    skip: (shown - 1) * ITEM_LIST_PAGE_SIZE,
    take: ITEM_LIST_PAGE_SIZE,
  });
  return { items: rows.map(toListed), matching, page: shown, pageCount };
}

/** How many items the store holds, against MAX_STORE_ITEMS. */
export function countItems(tx: Transaction, tenantId: string): Promise<number> {
  return tx.catalogItem.count({ where: { tenantId } });
}

async function findRow(tx: Transaction, tenantId: string, id: string): Promise<Row> {
  const row = isUuid(id) ? await tx.catalogItem.findFirst({ where: { tenantId, id }, select: rowFields }) : null;
  if (!row) throw new CatalogError("item.notFound");
  return row;
}

/** One item of the store; another store's id, or none, is "not found" alike. */
export async function readItem(tx: Transaction, tenantId: string, id: string): Promise<EditedItem> {
  return toItem(await findRow(tx, tenantId, id));
}

/** The input as an item of the store's kind, in a category of the store, or every problem with it. */
async function readEdit(tx: Transaction, tenantId: string, kind: ItemKind, input: unknown): Promise<ItemEdit> {
  const parsed = itemEditSchema.safeParse(input);
  if (!parsed.success) throw new CatalogInputError(problemsOf(parsed.error));
  if (parsed.data.kind !== kind) throw new CatalogInputError([{ path: ["kind"], code: "invalid" }]);
  const { categoryId } = parsed.data;
  if (categoryId !== null) {
    const category = isUuid(categoryId) ? await tx.catalogCategory.findFirst({ where: { tenantId, id: categoryId }, select: { id: true } }) : null;
    if (!category) throw new CatalogError("category.notFound", "categoryId");
  }
  return parsed.data;
}

function columns(edit: ItemEdit) {
  const { kind, details, images, ...fields } = edit;
  return { ...fields, kind: kindToDatabase[kind], images, details: details as Prisma.InputJsonObject };
}

async function nextPosition(tx: Transaction, tenantId: string): Promise<number> {
  const last = await tx.catalogItem.aggregate({ where: { tenantId }, _max: { position: true } });
  return (last._max.position ?? -1) + 1;
}

/** A new item of the store's kind, last in its order and shown to shoppers; refused once the store is full. */
export async function createItem(tx: Transaction, tenantId: string, kind: ItemKind, input: unknown): Promise<{ id: string }> {
  const edit = await readEdit(tx, tenantId, kind, input);
  if ((await lockedItemCount(tx, tenantId)) >= MAX_STORE_ITEMS) throw new CatalogError("item.limit", undefined, { max: MAX_STORE_ITEMS });
  return tx.catalogItem.create({
    data: { tenantId, ...columns(edit), position: await nextPosition(tx, tenantId) },
    select: { id: true },
  });
}

/** The refusal of a save that did not start from the item's current revision. */
async function staleItem(tx: Transaction, tenantId: string, id: string) {
  const row = await tx.catalogItem.findFirst({ where: { tenantId, id }, select: { revision: true, updatedAt: true, updatedById: true } });
  return staleRevision(tx, "item", row);
}

/**
 * The SKU stock counts the item form showed when it opened. Orders take stock without touching the item's revision
 * (a sale must not refuse the merchant's save), so the save needs these to tell a count the merchant changed from
 * one they left as it was while shoppers bought from it.
 */
export const loadedStockSchema = z.array(z.object({ options: z.array(z.string().max(12)).max(3), stock: z.int().min(0) })).max(200);
export type LoadedStock = z.infer<typeof loadedStockSchema>;

const sameOptions = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((option, index) => option === b[index]);

/**
 * The edit with each SKU's stock the merchant did not change (the value the form loaded) replaced by the live
 * count, read under the row's lock so no reservation slips in between; a count they changed is set as typed.
 */
async function keepReservedStock(tx: Transaction, tenantId: string, id: string, edit: ItemEdit, loaded: LoadedStock): Promise<ItemEdit> {
  if (edit.kind !== "product") return edit;
  const [live] = await tx.$queryRaw<{ details: { skus?: { options: string[]; stock: number }[] } }[]>`
    SELECT details FROM catalog_items WHERE tenant_id = ${tenantId}::uuid AND id = ${id}::uuid FOR UPDATE`;
  const liveSkus = live?.details.skus ?? [];
  const skus = edit.details.skus.map((sku) => {
    const shown = loaded.find((entry) => sameOptions(entry.options, sku.options));
    const now = liveSkus.find((entry) => sameOptions(entry.options, sku.options));
    return shown && now && shown.stock === sku.stock ? { ...sku, stock: now.stock } : sku;
  });
  return { ...edit, details: { ...edit.details, skus } };
}

/**
 * Replaces an item's content, if nobody changed it since the form was opened at `from.revision`: one conditional
 * UPDATE, so of two racing saves one wins and the other is a StaleRevisionError. Once edited, a sample item is
 * the merchant's own. With `loadedStock` (what the form showed), stock the merchant left alone keeps the live count.
 */
export async function updateItem(
  tx: Transaction,
  tenantId: string,
  kind: ItemKind,
  id: string,
  input: unknown,
  from: SaveFrom,
  loadedStock?: LoadedStock,
): Promise<void> {
  const row = await findRow(tx, tenantId, id);
  if (kindFromDatabase[row.kind] !== kind) throw new CatalogError("item.notFound");
  const read = await readEdit(tx, tenantId, kind, input);
  const edit = loadedStock ? await keepReservedStock(tx, tenantId, id, read, loadedStock) : read;
  const saved = await tx.catalogItem.updateMany({
    where: { tenantId, id, revision: from.revision },
    data: { ...columns(edit), sample: false, revision: { increment: 1 }, updatedById: from.userId },
  });
  if (saved.count === 0) throw await staleItem(tx, tenantId, id);
}

export async function deleteItem(tx: Transaction, tenantId: string, id: string): Promise<void> {
  await findRow(tx, tenantId, id);
  await tx.catalogItem.delete({ where: { tenantId_id: { tenantId, id } } });
}

// The list's switches set one value whatever the item held, so they need no revision; they bump it, so a form
// opened before the switch is refused rather than switching it back with what it showed.

/** Shows the item to shoppers or hides it from the read API without deleting it. */
export async function setItemVisible(tx: Transaction, tenantId: string, id: string, visible: boolean, userId: string): Promise<void> {
  await findRow(tx, tenantId, id);
  await tx.catalogItem.update({ where: { tenantId_id: { tenantId, id } }, data: { visible, revision: { increment: 1 }, updatedById: userId } });
}

/**
 * The one-click sold-out switch of a dish: shoppers still see it, but cannot order it. One statement sets the flag
 * inside the details, so a form save racing it cannot lose it, nor it the form's other details.
 */
export async function setDishSoldOut(tx: Transaction, tenantId: string, id: string, soldOut: boolean, userId: string): Promise<void> {
  const switched = await tx.$executeRaw`
    UPDATE catalog_items
    SET details = jsonb_set(details, '{soldOut}', to_jsonb(${soldOut}::boolean)), revision = revision + 1,
        updated_by_id = ${userId}::uuid, updated_at = now()
    WHERE tenant_id = ${tenantId}::uuid AND id = ${isUuid(id) ? id : null}::uuid AND kind = 'DISH'`;
  if (switched === 0) throw new CatalogError("item.notFound");
}

/**
 * Moves an item one place up or down among the items of its category; at either end it stays. It trades positions
 * with its neighbour, so a move writes two rows whatever the store's size.
 */
export async function moveItem(tx: Transaction, tenantId: string, id: string, direction: Direction): Promise<void> {
  const item = await findRow(tx, tenantId, id);
  const at = await tx.catalogItem.findFirstOrThrow({ where: { tenantId, id }, select: { position: true, createdAt: true } });
  const beyond = <T>(value: T) => (direction === "up" ? { lt: value } : { gt: value });
  const toward = direction === "up" ? "desc" : "asc";
  const neighbour = await tx.catalogItem.findFirst({
    where: {
      tenantId,
      categoryId: item.categoryId,
      OR: [
        { position: beyond(at.position) },
        { position: at.position, createdAt: beyond(at.createdAt) },
        { position: at.position, createdAt: at.createdAt, id: beyond(id) },
      ],
    },
    orderBy: [{ position: toward }, { createdAt: toward }, { id: toward }],
    select: { id: true, position: true },
  });
  if (!neighbour) return;
  if (neighbour.position !== at.position) {
    await tx.catalogItem.update({ where: { tenantId_id: { tenantId, id } }, data: { position: neighbour.position } });
    await tx.catalogItem.update({ where: { tenantId_id: { tenantId, id: neighbour.id } }, data: { position: at.position } });
    return;
  }
  // Rows sharing a position (written before positions were kept distinct) are numbered once; moves then trade.
  const rows = await tx.catalogItem.findMany({ where: { tenantId }, select: { id: true, position: true, categoryId: true }, orderBy: positionOrder });
  const categoryOf = new Map(rows.map((row) => [row.id, row.categoryId]));
  const order = moved(rows.map((row) => row.id), id, direction, (other) => categoryOf.get(other) === item.categoryId);
  if (!order) return;
  await renumber(rows, order, (row, position) => tx.catalogItem.update({ where: { tenantId_id: { tenantId, id: row } }, data: { position } }));
}
