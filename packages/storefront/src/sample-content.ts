// What a new store opens with: its template's sample config (named after the store) as draft version 1, and the
// sample catalog. The sample's short ids ("beans") become UUIDs; items keep pointing at their category.
import { randomUUID } from "node:crypto";
import { catalogSchema } from "@kaidian/catalog";
import type { Transaction } from "@kaidian/db";
import { clipText, PAGE_TITLE_MAX, readConfig, type StoreConfigInput, type TemplateId, templates } from "@kaidian/templates";
import { InvalidConfigError } from "./errors";
import { kindToDatabase } from "@kaidian/catalog/server";

export type SampleContentInput = {
  tenantId: string;
  templateId: TemplateId;
  storeName: string;
  /** The merchant's own contact details, when sign-up asked for them. */
  contact?: { phone?: string; address?: string };
  createdById?: string | null;
};

/**
 * The sample made the store's own: its name on the home page, and none of the sample store's tagline, contact
 * details, hours or map location, which belong to another shop. What the merchant has not given yet stays empty,
 * for the overview's first step and the publish checklist to ask for.
 */
function namedConfig(sample: StoreConfigInput, input: SampleContentInput): StoreConfigInput {
  const home = sample.pages.home;
  return {
    ...sample,
    store: { name: input.storeName, slogan: "", phone: input.contact?.phone ?? "", address: input.contact?.address ?? "", hours: "", location: null },
    pages: home ? { ...sample.pages, home: { ...home, title: clipText(input.storeName, PAGE_TITLE_MAX) } } : sample.pages,
  };
}

async function addSampleConfig(tx: Transaction, input: SampleContentInput) {
  const template = templates[input.templateId];
  // Saved complete (defaults filled in), so later changes to a template's defaults never alter a saved version.
  const result = readConfig(template, namedConfig(template.sample.config, input));
  if (!result.ok) throw new InvalidConfigError(input.tenantId, 1, result.problems);
  await tx.configVersion.create({
    data: {
      tenantId: input.tenantId,
      number: 1,
      templateId: template.id,
      schemaVersion: result.config.schemaVersion,
      config: result.config,
      createdById: input.createdById ?? null,
    },
  });
}

export async function addSampleCatalog(tx: Transaction, { tenantId, templateId }: SampleContentInput) {
  const sample = catalogSchema.parse(templates[templateId].sample.catalog);
  const categoryIds = new Map<string, string>();
  const categories = sample.categories.map((category, position) => {
    const id = randomUUID();
    categoryIds.set(category.id, id);
    return { tenantId, id, name: category.name, position };
  });
  const items = sample.items.map(({ id, kind, categoryId, ...item }, position) => {
    const mapped = categoryId === null ? null : categoryIds.get(categoryId);
    if (mapped === undefined) throw new Error(`Sample item ${id} of template ${templateId} names no sample category`);
    return { ...item, tenantId, id: randomUUID(), kind: kindToDatabase[kind], categoryId: mapped, position, sample: true };
  });
  await tx.catalogCategory.createMany({ data: categories });
  await tx.catalogItem.createMany({ data: items });
}

/** Fills a new store (created in this transaction's scope) with its template's sample config and catalog. */
export async function addSampleContent(tx: Transaction, input: SampleContentInput): Promise<void> {
  await addSampleConfig(tx, input);
  await addSampleCatalog(tx, input);
}
