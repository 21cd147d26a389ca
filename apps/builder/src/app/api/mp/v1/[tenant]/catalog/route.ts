import { catalogResponseSchema, loadPublishedCatalog } from "@kaidian/storefront";
import { readApi } from "@/server/read-api";

/** Categories and visible items: what the Mini Program loads at launch. */
export const GET = readApi(catalogResponseSchema, async ({ db, tenantId, reportSkipped }) => {
  const read = await loadPublishedCatalog(db, tenantId);
  if (!read) return null;
  reportSkipped(read.skipped);
  return read.catalog;
});
