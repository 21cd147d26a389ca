import type { Transaction } from "@kaidian/db";
import { configVersionFields, validatedConfig } from "./config-version";
import { ConfigVersionNotFoundError } from "./errors";

/**
 * Publishes a config version: from then on it is what shoppers see (the latest published number wins) and it is
 * never changed again. Refuses a config that does not pass its template (InvalidConfigError, with the problems);
 * publishing a published version changes nothing. Runs in the store's scope (`tx`).
 */
export async function publishConfigVersion(
  tx: Transaction,
  tenantId: string,
  number: number,
  options: { publishedById?: string } = {},
): Promise<void> {
  const version = await tx.configVersion.findUnique({
    where: { tenantId_number: { tenantId, number } },
    select: { ...configVersionFields, status: true },
  });
  if (!version) throw new ConfigVersionNotFoundError(tenantId, number);
  if (version.status === "PUBLISHED") return;
  validatedConfig(version);
  // Guarded on DRAFT, so two publishes racing stamp the version once.
  await tx.configVersion.updateMany({
    where: { tenantId, number, status: "DRAFT" },
    data: { status: "PUBLISHED", publishedAt: new Date(), publishedById: options.publishedById ?? null },
  });
}
