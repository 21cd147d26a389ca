// The catalog as shoppers see it: categories, and visible items in the merchant's order. A row the catalog schema
// refuses (details written by an older editor, say) is left out rather than failing the whole store, and is
// returned in `skipped` so the caller can log it.
import { type Catalog, categorySchema, itemSchema } from "@kaidian/catalog";
import type { Database, Transaction } from "@kaidian/db";
import type { z } from "zod";
import { isUuid } from "./ids";
import { kindFromDatabase } from "@kaidian/catalog/server";

export type SkippedRow = {
  table: "catalog_categories" | "catalog_items";
  id: string;
  problems: { path: string; message: string }[];
};

export type CatalogRead = { catalog: Catalog; skipped: SkippedRow[] };

/** Narrows the items read to one category's, or to one item. */
export type CatalogQuery = { categoryId?: string; itemId?: string };

// Position is the merchant's order; rows created together share createdAt, so the id settles ties for good.
const order: { position?: "asc"; createdAt?: "asc"; id?: "asc" }[] = [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }];

export const itemFields = {
  id: true, categoryId: true, kind: true, title: true, description: true, priceFen: true, images: true, details: true,
} as const;

export function sortOut<Row extends { id: string }, T>(
  table: SkippedRow["table"],
  rows: Row[],
  parse: (row: Row) => { success: true; data: T } | { success: false; error: z.ZodError },
): { kept: T[]; skipped: SkippedRow[] } {
  const kept: T[] = [];
  const skipped: SkippedRow[] = [];
  for (const row of rows) {
    const result = parse(row);
    if (result.success) kept.push(result.data);
    else skipped.push({ table, id: row.id, problems: result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) });
  }
  return { kept, skipped };
}

/** The store's catalog, read in the transaction's store scope. */
export async function readCatalog(tx: Transaction, tenantId: string, query: CatalogQuery = {}): Promise<CatalogRead> {
  const categoryRows = await tx.catalogCategory.findMany({ where: { tenantId }, select: { id: true, name: true }, orderBy: order });
  // An id that is not a UUID matches no row, and PostgreSQL would refuse it in a query.
  const impossible = [query.categoryId, query.itemId].some((id) => id !== undefined && !isUuid(id));
  const itemRows = impossible
    ? []
    : await tx.catalogItem.findMany({
        where: { tenantId, visible: true, categoryId: query.categoryId, id: query.itemId },
        select: itemFields,
        orderBy: order,
      });
  const categories = sortOut("catalog_categories", categoryRows, (row) => categorySchema.safeParse(row));
  const items = sortOut("catalog_items", itemRows, ({ kind, ...row }) => itemSchema.safeParse({ ...row, kind: kindFromDatabase[kind] }));
  return { catalog: { categories: categories.kept, items: items.kept }, skipped: [...categories.skipped, ...items.skipped] };
}

/** Any store's catalog, published or not (the dashboard's preview of a draft, say). */
export function loadCatalog(db: Database, tenantId: string, query?: CatalogQuery): Promise<CatalogRead> {
  return db.scoped({ tenantId }, (tx) => readCatalog(tx, tenantId, query));
}
