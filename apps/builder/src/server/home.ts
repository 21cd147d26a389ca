import "server-only";
import { agencyOf, listStores } from "@kaidian/tenancy";
import { database } from "./db";

/** Where a signed-in user lands: the agency workspace, their store, or the new-store form. */
export async function homePath(userId: string): Promise<string> {
  const db = database();
  if (await agencyOf(db, userId)) return "/agency";
  const [first] = await listStores(db, userId);
  return first ? `/stores/${first.store.slug}` : "/stores/new";
}
