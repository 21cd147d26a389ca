// The working draft: the one config version a store's editors save to. Every save names the draft and the
// revision it started from; a save from a stale revision is refused, never merged or silently overwritten.
import { Prisma, type Transaction } from "@kaidian/db";
import { CONFIG_SCHEMA_VERSION, type StoreConfig } from "@kaidian/templates";
import { draftState, people, type Person } from "./draft-state";
import { DraftConflictError } from "./errors";
import { templateOfStore, validConfig } from "./store-template";

export type Draft = {
  number: number;
  revision: number;
  config: StoreConfig;
  updatedAt: Date;
  updatedBy: Person | null;
  /** The version this draft was restored from, if any. */
  restoredFrom: number | null;
};

const draftFields = { number: true, revision: true, config: true, updatedAt: true, updatedById: true, restoredFrom: true } as const;

type DraftRow = { number: number; revision: number; updatedAt: Date; updatedById: string | null; restoredFrom: number | null };

async function toDraft(tx: Transaction, row: DraftRow, config: StoreConfig): Promise<Draft> {
  const byId = await people(tx, [row.updatedById]);
  return {
    number: row.number,
    revision: row.revision,
    config,
    updatedAt: row.updatedAt,
    updatedBy: byId.get(row.updatedById ?? "") ?? null,
    restoredFrom: row.restoredFrom,
  };
}

/** The store's draft; when everything is published, a new draft copied from the latest version. */
export async function openDraft(tx: Transaction, tenantId: string, userId?: string): Promise<Draft> {
  const template = await templateOfStore(tx, tenantId);
  let row = await tx.configVersion.findFirst({ where: { tenantId, status: "DRAFT" }, select: draftFields });
  if (!row) {
    const latest = await tx.configVersion.findFirst({ where: { tenantId }, orderBy: { number: "desc" }, select: { number: true, config: true } });
    const config = validConfig(template, latest?.config ?? template.sample.config);
    row = await tx.configVersion.create({
      data: {
        tenantId,
        number: (latest?.number ?? 0) + 1,
        templateId: template.id,
        schemaVersion: CONFIG_SCHEMA_VERSION,
        config: config as Prisma.InputJsonValue,
        createdById: userId ?? null,
        updatedById: userId ?? null,
      },
      select: draftFields,
    });
  }
  return toDraft(tx, row, validConfig(template, row.config));
}

export type SaveDraftInput = { tenantId: string; userId: string; number: number; revision: number; config: unknown };

/**
 * Writes a validated config over the draft at the revision the editor holds, in one statement: PostgreSQL
 * re-checks the revision under the row lock, so two racing saves cannot both win.
 */
async function storeDraft(tx: Transaction, input: Omit<SaveDraftInput, "config">, config: StoreConfig): Promise<Draft> {
  try {
    const row = await tx.configVersion.update({
      where: { tenantId_number: { tenantId: input.tenantId, number: input.number }, status: "DRAFT", revision: input.revision },
      data: {
        config: config as Prisma.InputJsonValue,
        schemaVersion: CONFIG_SCHEMA_VERSION,
        revision: { increment: 1 },
        updatedById: input.userId,
        restoredFrom: null,
      },
      select: draftFields,
    });
    // One name: the dashboard's (switcher, overview, agency list) follows the store info the merchant edits.
    await tx.tenant.updateMany({ where: { id: input.tenantId, NOT: { name: config.store.name } }, data: { name: config.store.name } });
    return toDraft(tx, row, config);
  } catch (error) {
    // P2025: no row matched, so the draft was saved or published since the editor opened it.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") {
      throw new DraftConflictError(await draftState(tx, input.tenantId));
    }
    throw error;
  }
}

/** Saves the editor's config over the draft it opened, if nobody saved or published it since. */
export async function saveDraft(tx: Transaction, input: SaveDraftInput): Promise<Draft> {
  return storeDraft(tx, input, validConfig(await templateOfStore(tx, input.tenantId), input.config));
}

/**
 * Applies one edit (the store info form, the theme) to the draft the editor opened, as a save of that revision:
 * a stale revision is a conflict, so an edit never lands on changes its author has not seen.
 */
export async function editDraft(
  tx: Transaction,
  base: Omit<SaveDraftInput, "config">,
  edit: (config: StoreConfig) => unknown,
): Promise<Draft> {
  const current = await tx.configVersion.findFirst({
    where: { tenantId: base.tenantId, number: base.number, status: "DRAFT", revision: base.revision },
    select: { config: true },
  });
  if (!current) throw new DraftConflictError(await draftState(tx, base.tenantId));
  const template = await templateOfStore(tx, base.tenantId);
  return storeDraft(tx, base, validConfig(template, edit(validConfig(template, current.config))));
}
