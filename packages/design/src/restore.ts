import { Prisma, type Transaction } from "@kaidian/db";
import { CONFIG_SCHEMA_VERSION } from "@kaidian/templates";
import { openDraft, type Draft } from "./draft";
import { VersionNotFoundError } from "./errors";
import { templateOfStore, validConfig } from "./store-template";

/**
 * Makes an earlier version the draft again (migrated to today's schema), to review and publish: history is never
 * rewritten, a rollback is a new version. Anyone still editing the old draft gets a conflict on their next save.
 */
export async function restoreVersion(tx: Transaction, input: { tenantId: string; userId: string; number: number }): Promise<Draft> {
  const source = await tx.configVersion.findUnique({
    where: { tenantId_number: { tenantId: input.tenantId, number: input.number } },
    select: { config: true },
  });
  if (!source) throw new VersionNotFoundError(input.number);
  const config = validConfig(await templateOfStore(tx, input.tenantId), source.config);
  const draft = await openDraft(tx, input.tenantId, input.userId);
  await tx.configVersion.update({
    where: { tenantId_number: { tenantId: input.tenantId, number: draft.number } },
    data: {
      config: config as Prisma.InputJsonValue,
      schemaVersion: CONFIG_SCHEMA_VERSION,
      revision: { increment: 1 },
      updatedById: input.userId,
      restoredFrom: input.number,
    },
  });
  return openDraft(tx, input.tenantId, input.userId);
}
