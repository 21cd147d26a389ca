import { NotFoundError } from "@kaidian/accounts";
import { loadPublishedNights, MAX_QUERY_NIGHTS, nightsQuerySchema, nightsResponseSchema } from "@kaidian/storefront";
import { jsonError, type ReadContext, readApi } from "@/server/read-api";

type Params = { tenant: string; item: string };

const read = readApi(nightsResponseSchema, async ({ db, tenantId, params, searchParams }: ReadContext<Params>) => {
  const query = nightsQuerySchema.parse(Object.fromEntries(searchParams));
  const loaded = await loadPublishedNights(db, tenantId, params.item, query);
  if (!loaded) return null;
  if (!loaded.nights) throw new NotFoundError("item.notFound");
  return { nights: loaded.nights };
});

/** A room's nights `?from=<first night>&to=<last night>` (YYYY-MM-DD, at most 60): rate and rooms left for each. */
export async function GET(request: Request, context: { params: Promise<Params> }): Promise<Response> {
  const query = nightsQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) {
    return jsonError(400, "nights.query.invalid", `Give from and to as YYYY-MM-DD dates, from <= to, at most ${MAX_QUERY_NIGHTS} nights.`);
  }
  return read(request, context);
}
