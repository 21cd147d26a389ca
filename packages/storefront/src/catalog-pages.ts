// The catalog in pages, as shoppers scroll it: one stable order (category position, item position, id), a cursor
// that names the last item shown, and filters by category and by search text. The whole published catalog of a
// store is read once (readShopperCatalog) and kept in memory by shop-api; each page is cut from it, so a page costs
// the same at 10 items as at 10,000.
import { type Category, type Item, categorySchema, itemSchema } from "@kaidian/catalog";
import { kindFromDatabase } from "@kaidian/catalog/server";
import type { Transaction } from "@kaidian/db";
import { z } from "zod";
import { itemFields, type SkippedRow, sortOut } from "./catalog";

/** Page sizes shoppers' Mini Programs may ask for. */
export const PAGE_LIMIT = { min: 1, max: 50, default: 20 } as const;
/** Search text longer than this is refused: nobody types more into a shop's search box. */
export const MAX_SEARCH_CHARS = 40;
/**
 * What `/catalog` with no parameters at all answers: packages uploaded before paging call it that way and show
 * every item it returns. 2,000 is the most items those packages could have been generated with (the generator
 * refused larger stores), so none of them loses an item it showed before, and the answer stays bounded.
 */
export const LEGACY_CATALOG_LIMIT = 2000;

/**
 * `category=none`: the items shoppers find under "其他", those with no category or one the store's categories no
 * longer list (deleted, or a row its schema refuses), paged by the same cursor as every other filter.
 */
export const NO_CATEGORY = "none";

/** Where an item sits in the order: uncategorised items come last (null sorts after every position). */
type SortKey = [categoryPosition: number | string | null, categoryId: string | null, position: number | string, id: string];

export type ShopperCatalog = {
  categories: Category[];
  /** Visible items, validated, in shopper order. */
  items: Item[];
  keys: SortKey[];
  /** Title and description, NFKC-normalised and lower-cased, for search. */
  haystacks: string[];
  byId: Map<string, Item>;
  skipped: SkippedRow[];
};

function compareValue(a: number | string | null, b: number | string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < a.length; i++) {
    const order = compareValue(a[i] ?? null, b[i] ?? null);
    if (order !== 0) return order;
  }
  return 0;
}

/** Search text and the text searched, compared the same way: full-width letters and digits as half-width, any case. */
export function searchForm(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

type CatalogRows = { categories: Category[]; entries: { item: Item; key: SortKey }[]; skipped: SkippedRow[] };

const ROW_ORDER = [{ position: "asc" as const }, { createdAt: "asc" as const }, { id: "asc" as const }];

async function readCategories(tx: Transaction, tenantId: string) {
  const rows = await tx.catalogCategory.findMany({ where: { tenantId }, select: { id: true, name: true, position: true }, orderBy: ROW_ORDER });
  return { rows, ...sortOut("catalog_categories", rows, ({ id, name }) => categorySchema.safeParse({ id, name })) };
}

type ItemRow = { id: string; categoryId: string | null; kind: keyof typeof kindFromDatabase; title: string; description: string; priceFen: number; images: unknown; details: unknown; position: number };

function parseItemRows(rows: ItemRow[]) {
  return sortOut("catalog_items", rows, ({ kind, position, ...row }) => {
    const parsed = itemSchema.safeParse({ ...row, kind: kindFromDatabase[kind] });
    return parsed.success ? { success: true as const, data: { item: parsed.data, position } } : parsed;
  });
}

/** Rows validated between two turns of the event loop: a 10,000-item store's read never holds up other answers for long. */
const ROWS_PER_TURN = 500;

async function parseItemRowsInTurns(rows: ItemRow[]): Promise<ReturnType<typeof parseItemRows>> {
  const parsed: ReturnType<typeof parseItemRows> = { kept: [], skipped: [] };
  for (let start = 0; start < rows.length; start += ROWS_PER_TURN) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    const part = parseItemRows(rows.slice(start, start + ROWS_PER_TURN));
    parsed.kept.push(...part.kept);
    parsed.skipped.push(...part.skipped);
  }
  return parsed;
}

/** The store's categories and visible items, validated once here (rows the schema refuses are in `skipped`). */
export async function readShopperCatalog(tx: Transaction, tenantId: string): Promise<CatalogRows> {
  const [categories, itemRows] = await Promise.all([
    readCategories(tx, tenantId),
    tx.catalogItem.findMany({ where: { tenantId, visible: true }, select: { ...itemFields, position: true }, orderBy: ROW_ORDER }),
  ]);
  const positions = new Map(categories.rows.map((row) => [row.id, row.position]));
  const rows = await parseItemRowsInTurns(itemRows);
  const entries = rows.kept.map(({ item, position }) => {
    const categoryId = item.categoryId ?? null;
    const key: SortKey = [categoryId === null ? null : (positions.get(categoryId) ?? null), categoryId, position, item.id];
    return { item, key };
  });
  entries.sort((a, b) => compareKeys(a.key, b.key));
  return { categories: categories.kept, entries, skipped: [...categories.skipped, ...rows.skipped] };
}

/** The rows as shop-api keeps them: arrays in order, an index by id, and each item's search text. */
export function indexCatalog({ categories, entries, skipped }: CatalogRows): ShopperCatalog {
  const items = entries.map(({ item }) => item);
  return {
    categories,
    items,
    keys: entries.map(({ key }) => key),
    haystacks: items.map((item) => searchForm(`${item.title}\n${item.description}`)),
    byId: new Map(items.map((item) => [item.id, item])),
    skipped,
  };
}

const sortKeySchema = z.tuple([z.union([z.number(), z.string(), z.null()]), z.uuid().nullable(), z.union([z.number(), z.string()]), z.uuid()]);

function encodeCursor(key: SortKey): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

function decodeCursor(cursor: string): SortKey | null {
  try {
    const parsed = sortKeySchema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** `?limit=&cursor=&category=&q=` of `/catalog` and `/items`; other parameters (a cache buster, say) are ignored. */
export const pageQuerySchema = z.object({
  limit: z.coerce
    .number({ error: `limit must be a whole number from ${PAGE_LIMIT.min} to ${PAGE_LIMIT.max}` })
    .int({ error: `limit must be a whole number from ${PAGE_LIMIT.min} to ${PAGE_LIMIT.max}` })
    .min(PAGE_LIMIT.min, { error: `limit must be a whole number from ${PAGE_LIMIT.min} to ${PAGE_LIMIT.max}` })
    .max(PAGE_LIMIT.max, { error: `limit must be a whole number from ${PAGE_LIMIT.min} to ${PAGE_LIMIT.max}` })
    .default(PAGE_LIMIT.default),
  cursor: z
    .string()
    .max(512, { error: "cursor is not one this API gave" })
    .refine((value) => decodeCursor(value) !== null, { error: "cursor is not one this API gave" })
    .optional(),
  category: z.union([z.uuid(), z.literal(NO_CATEGORY)], { error: `category must be a category id or ${NO_CATEGORY}` }).optional(),
  q: z
    .string()
    .trim()
    .refine((value) => [...value].length <= MAX_SEARCH_CHARS, { error: `q must be at most ${MAX_SEARCH_CHARS} characters` })
    .transform((value) => value || undefined)
    .optional(),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

export type PageQueryProblem = { parameter: string; message: string };

/** The query as a page request, or the first problem, naming its parameter. Repeated parameters count once (the first). */
export function parsePageQuery(params: Record<string, string | string[] | undefined>): { ok: true; query: PageQuery } | { ok: false; problem: PageQueryProblem } {
  const first = Object.fromEntries(Object.entries(params).map(([name, value]) => [name, Array.isArray(value) ? value[0] : value]));
  const parsed = pageQuerySchema.safeParse(first);
  if (parsed.success) return { ok: true, query: parsed.data };
  const [issue] = parsed.error.issues;
  return { ok: false, problem: { parameter: String(issue?.path[0] ?? "query"), message: issue?.message ?? "Invalid query" } };
}

export type ItemsPage = { items: Item[]; nextCursor: string | null };

export type FirstPage = { categories: Category[] } & ItemsPage;

/**
 * The catalog's first page with no filter, read straight from PostgreSQL in the pages' order (a category's position,
 * uncategorised last, then the item's position and id): what a cache miss answers at once, the same bytes the whole
 * store's read will cut, while that read fills the cache. Null when a row it read fails its schema: which rows the
 * page then holds is for the whole read, which skips them, to decide.
 */
export async function readFirstPage(tx: Transaction, tenantId: string, limit: number): Promise<FirstPage | null> {
  const [categories, itemRows] = await Promise.all([
    readCategories(tx, tenantId),
    tx.$queryRaw<ItemRow[]>`
      SELECT i.id, i.category_id AS "categoryId", i.kind::text AS kind, i.title, i.description, i.price_fen AS "priceFen",
             i.images, i.details, i.position
      FROM catalog_items i LEFT JOIN catalog_categories c ON c.tenant_id = i.tenant_id AND c.id = i.category_id
      WHERE i.tenant_id = ${tenantId}::uuid AND i.visible
      ORDER BY c.position ASC NULLS LAST, i.category_id ASC NULLS LAST, i.position, i.id
      LIMIT ${limit + 1}`,
  ]);
  const rows = parseItemRows(itemRows);
  if (rows.skipped.length > 0 || categories.skipped.length > 0) return null;
  const items = rows.kept.slice(0, limit).map(({ item }) => item);
  const last = rows.kept[limit - 1];
  const more = rows.kept.length > limit && last !== undefined;
  const key: SortKey | null = last ? [categoryPosition(categories.rows, last.item.categoryId ?? null), last.item.categoryId ?? null, last.position, last.item.id] : null;
  return { categories: categories.kept, items, nextCursor: more && key ? encodeCursor(key) : null };
}

function categoryPosition(rows: { id: string; position: number }[], categoryId: string | null): number | null {
  return categoryId === null ? null : (rows.find((row) => row.id === categoryId)?.position ?? null);
}

/** The items after the cursor that pass the filters, at most `limit`, and the cursor of the next page (null at the end). */
export function pageOf(catalog: ShopperCatalog, query: Pick<PageQuery, "cursor" | "category" | "q"> & { limit: number }): ItemsPage {
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor);
  let start = 0;
  if (after) {
    // The first key above the cursor, by binary search: the order is total, so an item deleted since still has a place.
    let high = catalog.keys.length;
    while (start < high) {
      const middle = (start + high) >>> 1;
      if (compareKeys(catalog.keys[middle]!, after) <= 0) start = middle + 1;
      else high = middle;
    }
  }
  const matches = matcher(catalog, query.category, query.q === undefined ? null : searchForm(query.q));
  const items: Item[] = [];
  let last = -1;
  for (let i = start; i < catalog.items.length && items.length < query.limit; i++) {
    if (!matches(i)) continue;
    items.push(catalog.items[i]!);
    last = i;
  }
  const more = items.length === query.limit && hasMatchAfter(catalog, last, matches);
  return { items, nextCursor: more ? encodeCursor(catalog.keys[last]!) : null };
}

/** Whether the item at an index passes the category filter (an id, or NO_CATEGORY) and the search. */
function matcher(catalog: ShopperCatalog, category: string | undefined, needle: string | null): (index: number) => boolean {
  const known = category === NO_CATEGORY ? new Set(catalog.categories.map(({ id }) => id)) : null;
  return (index) => {
    const categoryId = catalog.items[index]!.categoryId;
    const inCategory = known !== null ? categoryId === null || !known.has(categoryId) : category === undefined || categoryId === category;
    return inCategory && (needle === null || catalog.haystacks[index]!.includes(needle));
  };
}

function hasMatchAfter(catalog: ShopperCatalog, index: number, matches: (index: number) => boolean): boolean {
  for (let i = index + 1; i < catalog.items.length; i++) if (matches(i)) return true;
  return false;
}
