// The store's queue settings, one row per store; a store that never saved has the defaults (queue off). Saves name
// the revision their form opened (0: never saved), so of two saves from one revision exactly one lands.
import { type SaveFrom, staleRevision, type Transaction } from "@kaidian/db";
import { DEFAULT_QUEUE_SETTINGS, queueSettingsSchema, type QueueSettings } from "../index";

export type StoredQueueSettings = QueueSettings & { revision: number };

/** A stored value the schema now refuses (an older version wrote it) reads as the defaults: the queue off. */
export async function readQueueSettings(tx: Transaction): Promise<StoredQueueSettings> {
  const row = await tx.queueSettings.findFirst({ select: { settings: true, revision: true } });
  if (!row) return { ...DEFAULT_QUEUE_SETTINGS, revision: 0 };
  const parsed = queueSettingsSchema.safeParse(row.settings);
  return { ...(parsed.success ? parsed.data : DEFAULT_QUEUE_SETTINGS), revision: row.revision };
}

async function stale(tx: Transaction, tenantId: string) {
  return staleRevision(tx, "queueSettings", await tx.queueSettings.findFirst({ where: { tenantId }, select: { revision: true, updatedAt: true, updatedById: true } }));
}

export async function saveQueueSettings(tx: Transaction, tenantId: string, from: SaveFrom, input: QueueSettings): Promise<StoredQueueSettings> {
  const settings = queueSettingsSchema.parse(input);
  if (from.revision === 0) {
    const created = await tx.queueSettings.createMany({ data: { tenantId, settings, revision: 1, updatedById: from.userId }, skipDuplicates: true });
    if (created.count === 0) throw await stale(tx, tenantId);
    return { ...settings, revision: 1 };
  }
  const saved = await tx.queueSettings.updateMany({
    where: { tenantId, revision: from.revision },
    data: { settings, revision: { increment: 1 }, updatedById: from.userId },
  });
  if (saved.count === 0) throw await stale(tx, tenantId);
  return { ...settings, revision: from.revision + 1 };
}
