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

/** The store's categories and visible items, validated once here (rows the schema refuses are in `skipped`). */
export async function readShopperCatalog(tx: Transaction, tenantId: string): Promise<CatalogRows> {
  const order = [{ position: "asc" as const }, { createdAt: "asc" as const }, { id: "asc" as const }];
  const [categoryRows, itemRows] = await Promise.all([
    tx.catalogCategory.findMany({ where: { tenantId }, select: { id: true, name: true, position: true }, orderBy: order }),
    tx.catalogItem.findMany({ where: { tenantId, visible: true }, select: { ...itemFields, position: true }, orderBy: order }),
  ]);
  const categories = sortOut("catalog_categories", categoryRows, ({ id, name }) => categorySchema.safeParse({ id, name }));
  const positions = new Map(categoryRows.map((row) => [row.id, row.position]));
  const rows = sortOut("catalog_items", itemRows, ({ kind, position, ...row }) => {
    const parsed = itemSchema.safeParse({ ...row, kind: kindFromDatabase[kind] });
    return parsed.success ? { success: true as const, data: { item: parsed.data, position } } : parsed;
  });
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
  category: z.uuid({ error: "category must be a category id" }).optional(),
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
  const needle = query.q === undefined ? null : searchForm(query.q);
  const items: Item[] = [];
  let last = -1;
  for (let i = start; i < catalog.items.length && items.length < query.limit; i++) {
    const item = catalog.items[i]!;
    if (query.category !== undefined && item.categoryId !== query.category) continue;
    if (needle !== null && !catalog.haystacks[i]!.includes(needle)) continue;
    items.push(item);
    last = i;
  }
  const more = items.length === query.limit && hasMatchAfter(catalog, last, query.category, needle);
  return { items, nextCursor: more ? encodeCursor(catalog.keys[last]!) : null };
}

function hasMatchAfter(catalog: ShopperCatalog, index: number, category: string | undefined, needle: string | null): boolean {
  for (let i = index + 1; i < catalog.items.length; i++) {
    if (category !== undefined && catalog.items[i]!.categoryId !== category) continue;
    if (needle !== null && !catalog.haystacks[i]!.includes(needle)) continue;
    return true;
  }
  return false;
}
