// A store moves to another template through its draft: the draft becomes the switch plan's config, the store's
// template changes, and shoppers keep seeing the published version until the merchant publishes (and, because the
// pages differ, uploads a new Mini Program build).
import { Prisma, type Transaction } from "@kaidian/db";
import { kindToDatabase } from "@kaidian/catalog/server";
import { addSampleCatalog } from "@kaidian/storefront";
import { CONFIG_SCHEMA_VERSION, planTemplateSwitch, templates, type TemplateDefinition, type TemplateId, type TemplateSwitchPlan } from "@kaidian/templates";
import { openDraft, type Draft } from "./draft";
import { draftState } from "./draft-state";
import { DraftConflictError } from "./errors";
import { templateOfStore, validConfig } from "./store-template";

export type TemplateSwitchInput = { tenantId: string; userId: string; number: number; revision: number; templateId: TemplateId };

export class SameTemplateError extends Error {
  override name = "SameTemplateError";
  constructor(readonly templateId: TemplateId) {
    super(`The store already uses the ${templateId} template`);
  }
}

/** Whether the store has catalog items of the kind `template` shows (products, rooms or dishes). */
async function hasItemsFor(tx: Transaction, tenantId: string, template: TemplateDefinition): Promise<boolean> {
  return (await tx.catalogItem.count({ where: { tenantId, kind: kindToDatabase[template.itemKind] } })) > 0;
}

/** What switching the store's draft to `templateId` would keep, drop and add; only opens the draft, changes nothing. */
export async function previewTemplateSwitch(
  tx: Transaction,
  tenantId: string,
  templateId: TemplateId,
): Promise<TemplateSwitchPlan & { sampleItemsAdded: boolean; draft: { number: number; revision: number } }> {
  const from = await templateOfStore(tx, tenantId);
  if (from.id === templateId) throw new SameTemplateError(templateId);
  const draft = await openDraft(tx, tenantId);
  const to = templates[templateId];
  return { ...planTemplateSwitch(draft.config, to), sampleItemsAdded: !(await hasItemsFor(tx, tenantId, to)), draft: { number: draft.number, revision: draft.revision } };
}

/**
 * Switches the draft the editor holds (at its revision) to another template. A store with no items of the new
 * template's kind (rooms for a hotel) gets that template's sample items, so its pages never open empty; the
 * items it had stay in the catalog.
 */
export async function switchTemplate(tx: Transaction, input: TemplateSwitchInput): Promise<{ draft: Draft; plan: TemplateSwitchPlan }> {
  const from = await templateOfStore(tx, input.tenantId);
  if (from.id === input.templateId) throw new SameTemplateError(input.templateId);
  const row = await tx.configVersion.findFirst({
    where: { tenantId: input.tenantId, number: input.number, status: "DRAFT", revision: input.revision },
    select: { config: true },
  });
  if (!row) throw new DraftConflictError(await draftState(tx, input.tenantId));
  const to = templates[input.templateId];
  const plan = planTemplateSwitch(validConfig(from, row.config), to);

  const updated = await tx.configVersion.updateMany({
    where: { tenantId: input.tenantId, number: input.number, status: "DRAFT", revision: input.revision },
    data: {
      templateId: to.id,
      schemaVersion: CONFIG_SCHEMA_VERSION,
      config: plan.config as Prisma.InputJsonValue,
      revision: { increment: 1 },
      updatedById: input.userId,
      restoredFrom: null,
    },
  });
  if (updated.count !== 1) throw new DraftConflictError(await draftState(tx, input.tenantId));
  await tx.tenant.update({ where: { id: input.tenantId }, data: { templateId: to.id } });
  if (!(await hasItemsFor(tx, input.tenantId, to))) {
    await addSampleCatalog(tx, { tenantId: input.tenantId, templateId: to.id, storeName: plan.config.store.name });
  }
  return { draft: await openDraft(tx, input.tenantId), plan };
}
