import { NotFoundError } from "@kaidian/accounts";
import { itemResponseSchema, loadPublishedCatalog } from "@kaidian/storefront";
import { type ReadContext, readApi } from "@/server/read-api";

type Params = { tenant: string; item: string };

export const GET = readApi(itemResponseSchema, async ({ db, tenantId, params, reportSkipped }: ReadContext<Params>) => {
  const read = await loadPublishedCatalog(db, tenantId, { itemId: params.item });
  if (!read) return null;
  reportSkipped(read.skipped);
  const [item] = read.catalog.items;
  if (!item) throw new NotFoundError("item.notFound");
  return { item };
});
