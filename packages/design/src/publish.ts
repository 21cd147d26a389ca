import type { Transaction } from "@kaidian/db";
import { publishConfigVersion } from "@kaidian/storefront";
import { draftState } from "./draft-state";
import { DraftConflictError } from "./errors";

/**
 * Publishes the draft the editor has open, exactly as they last saw it: the row is locked and its revision checked
 * first, so a save landing at the same moment cannot slip into the published version. Published versions are
 * immutable; the next edit opens a new draft. An invalid config is refused (InvalidConfigError, with problems).
 */
export async function publishDraft(
  tx: Transaction,
  input: { tenantId: string; userId: string; number: number; revision: number },
): Promise<{ number: number }> {
  const [locked] = await tx.$queryRaw<{ revision: number }[]>`
    SELECT revision FROM config_versions
    WHERE tenant_id = ${input.tenantId}::uuid AND number = ${input.number} AND status = 'DRAFT'
    FOR UPDATE`;
  if (!locked || locked.revision !== input.revision) throw new DraftConflictError(await draftState(tx, input.tenantId));
  await publishConfigVersion(tx, input.tenantId, input.number, { publishedById: input.userId });
  return { number: input.number };
}
