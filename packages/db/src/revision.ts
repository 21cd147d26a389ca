// Optimistic concurrency for what merchants edit: every record a form saves carries a revision, bumped by each
// save. A save names the revision its form was opened at and writes in one conditional statement (`WHERE revision
// = $opened`), so of two saves from the same revision exactly one wins and the other is refused, never merged or
// silently overwritten. The refusal names who saved in between and when, for the form's reload prompt.
import type { Transaction } from "./database";

/** The records that carry a revision, for the dashboard's words. */
export type RevisedRecord = "item" | "category" | "table" | "nights" | "wechatSettings" | "compliance" | "paymentSettings" | "orderSettings" | "queueSettings" | "tableOrderSettings";

/** Who saves, and the revision their form was opened at. */
export type SaveFrom = { userId: string; revision: number };

export type Saver = { id: string; name: string; email: string };

/** Where a record stands now: what the conflict message shows. */
export type SavedState = { revision: number; savedAt: Date; savedBy: Saver | null };

/**
 * A save that started from a revision that is no longer current: someone else saved (or deleted) in between.
 * Nothing was written; `current` says who saved and when, or is null when the record is gone.
 */
export class StaleRevisionError extends Error {
  override name = "StaleRevisionError";
  constructor(
    readonly record: RevisedRecord,
    readonly current: SavedState | null,
  ) {
    super(
      current
        ? `The ${record} changed since it was opened (now revision ${current.revision}` +
            `${current.savedBy ? `, saved by ${current.savedBy.name}` : ""} at ${current.savedAt.toISOString()}); reload to see it`
        : `The ${record} was deleted since it was opened`,
    );
  }
}

/** The refusal for `record`, read from its row as it is now (null when it is gone). */
export async function staleRevision(
  tx: Transaction,
  record: RevisedRecord,
  row: { revision: number; updatedAt: Date | null; updatedById: string | null } | null,
): Promise<StaleRevisionError> {
  if (!row) return new StaleRevisionError(record, null);
  const savedBy = row.updatedById
    ? await tx.user.findFirst({ where: { id: row.updatedById }, select: { id: true, name: true, email: true } })
    : null;
  return new StaleRevisionError(record, { revision: row.revision, savedAt: row.updatedAt ?? new Date(0), savedBy });
}
