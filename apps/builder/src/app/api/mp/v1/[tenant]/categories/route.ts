import { categoriesResponseSchema, loadPublishedCatalog } from "@kaidian/storefront";
import { readApi } from "@/server/read-api";

export const GET = readApi(categoriesResponseSchema, async ({ db, tenantId, reportSkipped }) => {
  const read = await loadPublishedCatalog(db, tenantId);
  if (!read) return null;
  reportSkipped(read.skipped);
  return { categories: read.catalog.categories };
});
