import { itemsResponseSchema, loadPublishedCatalog } from "@kaidian/storefront";
import { readApi } from "@/server/read-api";

/** Visible items, or with `?category=<id>` one category's. */
export const GET = readApi(itemsResponseSchema, async ({ db, tenantId, searchParams, reportSkipped }) => {
  const read = await loadPublishedCatalog(db, tenantId, { categoryId: searchParams.get("category") || undefined });
  if (!read) return null;
  reportSkipped(read.skipped);
  return { items: read.catalog.items };
});
