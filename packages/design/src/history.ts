import type { Transaction } from "@kaidian/db";
import { describeChanges, readConfig, type ConfigChange, type StoreConfig } from "@kaidian/templates";
import { people, type Person } from "./draft-state";
import { templateOfStore } from "./store-template";

export type VersionSummary = {
  number: number;
  status: "DRAFT" | "PUBLISHED";
  createdAt: Date;
  updatedAt: Date;
  updatedBy: Person | null;
  publishedAt: Date | null;
  publishedBy: Person | null;
  restoredFrom: number | null;
  /** What changed since the version before it; null for the first, or when either cannot be read. */
  changes: ConfigChange[] | null;
};

/** The store's versions, newest first, each with who saved and published it and what it changed. */
export async function listVersions(tx: Transaction, tenantId: string, options: { limit?: number } = {}): Promise<VersionSummary[]> {
  const limit = options.limit ?? 50;
  const template = await templateOfStore(tx, tenantId);
  const rows = await tx.configVersion.findMany({
    where: { tenantId },
    orderBy: { number: "desc" },
    take: limit + 1,
    select: {
      number: true, status: true, config: true, createdAt: true, updatedAt: true, updatedById: true,
      publishedAt: true, publishedById: true, restoredFrom: true,
    },
  });
  const byId = await people(tx, rows.flatMap((row) => [row.updatedById, row.publishedById]));
  const configs = rows.map((row): StoreConfig | null => {
    const read = readConfig(template, row.config);
    return read.ok ? read.config : null;
  });
  return rows.slice(0, limit).map((row, index) => {
    const [current, previous] = [configs[index], configs[index + 1]];
    return {
      number: row.number,
      status: row.status,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      updatedBy: byId.get(row.updatedById ?? "") ?? null,
      publishedAt: row.publishedAt,
      publishedBy: byId.get(row.publishedById ?? "") ?? null,
      restoredFrom: row.restoredFrom,
      changes: current && previous ? describeChanges(previous, current) : null,
    };
  });
}
