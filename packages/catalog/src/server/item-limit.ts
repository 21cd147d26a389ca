// The store's item count, read under a per-store lock held until the transaction ends, so two merchants adding
// items (or an item and an import) at once cannot both see room for one more and overshoot MAX_STORE_ITEMS.
import type { Transaction } from "@kaidian/db";

export async function lockedItemCount(tx: Transaction, tenantId: string): Promise<number> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('catalog_items:' || ${tenantId}, 0))`;
  return tx.catalogItem.count({ where: { tenantId } });
}
