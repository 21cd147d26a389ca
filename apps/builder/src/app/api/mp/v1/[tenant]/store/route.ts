import { loadPublishedSite, storeResponseSchema } from "@kaidian/storefront";
import { readApi } from "@/server/read-api";

export const GET = readApi(storeResponseSchema, async ({ db, tenantId }) => {
  const site = await loadPublishedSite(db, tenantId);
  return site && { store: site.config.store };
});
