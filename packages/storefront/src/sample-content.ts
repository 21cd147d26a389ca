// What a new store opens with: its template's sample config (named after the store) as draft version 1, and the
// sample catalog. The sample's short ids ("beans") become UUIDs; items keep pointing at their category.
import { randomUUID } from "node:crypto";
import { catalogSchema } from "@kaidian/catalog";
import type { Transaction } from "@kaidian/db";
import { PAGE_TITLE_MAX, readConfig, type StoreConfigInput, type TemplateId, templates } from "@kaidian/templates";
import { InvalidConfigError } from "./errors";
import { kindToDatabase } from "@kaidian/catalog/server";

export type SampleContentInput = {
  tenantId: string;
  templateId: TemplateId;
  storeName: string;
  createdById?: string | null;
};

/** The longest start of `text` within `max` UTF-16 units (zod's measure) that does not split a character. */
function clip(text: string, max: number): string {
  let clipped = "";
  for (const character of text) {
    if (clipped.length + character.length > max) break;
    clipped += character;
  }
  return clipped;
}

function namedConfig(sample: StoreConfigInput, storeName: string): StoreConfigInput {
  const home = sample.pages.home;
  return {
    ...sample,
    store: { ...sample.store, name: storeName },
    pages: home ? { ...sample.pages, home: { ...home, title: clip(storeName, PAGE_TITLE_MAX) } } : sample.pages,
  };
}

async function addSampleConfig(tx: Transaction, input: SampleContentInput) {
  const template = templates[input.templateId];
  // Saved complete (defaults filled in), so later changes to a template's defaults never alter a saved version.
  const result = readConfig(template, namedConfig(template.sample.config, input.storeName));
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
