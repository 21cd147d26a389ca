import "server-only";
// Read models of the analytics pages: a store's overview in its own scope, and an agency's as the sum of the stores
// the user may see the figures of (their owners' and the agency admins', not staff's or publishers').
import { type DayRange, type Overview, rangeSchema, shanghaiToday, addDays } from "@kaidian/analytics";
import { combineOverviews, readOverview } from "@kaidian/analytics/server";
import { can, listStores, type StoreAccess } from "@kaidian/tenancy";
import { database } from "./db";

/** The range a page asked for (`from`, `to`), or the last 7 days when it asked for none or for one that cannot be shown. */
export function rangeFrom(query: { from?: string; to?: string }): { range: DayRange; invalid: boolean } {
  const today = shanghaiToday();
  const fallback = { from: addDays(today, -6), to: today };
  if (query.from === undefined && query.to === undefined) return { range: fallback, invalid: false };
  const parsed = rangeSchema.safeParse({ from: query.from, to: query.to });
  return parsed.success ? { range: parsed.data, invalid: false } : { range: fallback, invalid: true };
}

export function storeOverview(access: StoreAccess, range: DayRange): Promise<Overview> {
  return readOverview(database(), access.store.id, range);
}

export async function agencyOverview(userId: string, agencyId: string, range: DayRange) {
  const stores = (await listStores(database(), userId, { agencyId })).filter((access) => can(access.roles, "settings"));
  const overviews = await Promise.all(stores.map((access) => storeOverview(access, range)));
  return {
    overview: combineOverviews(range, overviews),
    stores: stores.map((access, index) => ({ name: access.store.name, slug: access.store.slug, totals: overviews[index]!.totals, conversion: overviews[index]!.conversion })),
  };
}
