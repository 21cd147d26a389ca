import { catalogSchema } from "@kaidian/catalog";
import { templates } from "./catalogue";
import { readConfig } from "./read-config";
import { SITE_API_VERSION, type SiteSnapshot } from "./site";
import type { TemplateId } from "./template";

/**
 * A template's sample store as a site snapshot, for tests, benchmarks and previews that need a store without a
 * database. An empty apiBase turns the Mini Program's launch refresh off.
 */
export function sampleSnapshot(templateId: TemplateId, options: { tenantId?: string; apiBase?: string } = {}): SiteSnapshot {
  const template = templates[templateId];
  const read = readConfig(template, template.sample.config);
  if (!read.ok) throw new Error(`The ${templateId} sample config is invalid: ${JSON.stringify(read.problems)}`);
  return {
    apiBase: options.apiBase ?? "",
    site: { apiVersion: SITE_API_VERSION, tenantId: options.tenantId ?? `sample-${templateId}`, configVersion: 1, config: read.config },
    catalog: catalogSchema.parse(template.sample.catalog),
  };
}
