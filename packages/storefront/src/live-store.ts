// Which stores shoppers may see at all: an active store that has published a config version. Everything else,
// including an id that names no store, reads as "nothing here".
import type { Database, Transaction } from "@kaidian/db";
import { isUuid } from "./ids";
import { mediaPublicBase, resolveMediaRefs } from "./media-refs";

/**
 * Runs `work` in the store's row-level-security scope when the store is live; null otherwise. What it returns is on
 * its way to phones, so uploaded images' refs in it are made absolute here, once for every read.
 */
export async function inLiveStore<T>(db: Database, tenantId: string, work: (tx: Transaction) => Promise<T>): Promise<T | null> {
  if (!isUuid(tenantId)) return null;
  return db.scoped({ tenantId }, async (tx) => {
    const live = await tx.tenant.count({
      where: { id: tenantId, status: "ACTIVE", configVersions: { some: { status: "PUBLISHED" } } },
    });
    return live > 0 ? resolveMediaRefs(await work(tx), mediaPublicBase()) : null;
  });
}
