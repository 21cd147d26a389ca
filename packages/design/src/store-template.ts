import type { Transaction } from "@kaidian/db";
import { readConfig, templateIdSchema, templates, type StoreConfig, type TemplateDefinition } from "@kaidian/templates";
import { InvalidDraftError } from "./errors";

export async function templateOfStore(tx: Transaction, tenantId: string): Promise<TemplateDefinition> {
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { templateId: true } });
  return templates[templateIdSchema.parse(tenant.templateId)];
}

/** A saved or submitted config, migrated to today's schema and validated; InvalidDraftError otherwise. */
export function validConfig(template: TemplateDefinition, config: unknown): StoreConfig {
  const read = readConfig(template, config);
  if (!read.ok) throw new InvalidDraftError(read.problems);
  return read.config;
}
