// A saved config version as the runtime sees it: migrated to today's schema and validated against its template.
import {
  ConfigVersionError,
  type ConfigReadResult,
  readConfig,
  SITE_API_VERSION,
  type Site,
  type StoreConfig,
  templateIdSchema,
  templates,
} from "@kaidian/templates";
import { InvalidConfigError } from "./errors";

export const configVersionFields = { tenantId: true, number: true, templateId: true, config: true } as const;

type ConfigVersionRow = { tenantId: string; number: number; templateId: string; config: unknown };

function read(row: ConfigVersionRow): ConfigReadResult {
  const templateId = templateIdSchema.safeParse(row.templateId);
  if (!templateId.success) return { ok: false, problems: [{ path: "templateId", message: `Unknown template "${row.templateId}"` }] };
  try {
    return readConfig(templates[templateId.data], row.config);
  } catch (error) {
    // A config written by a newer build is as unusable here as an invalid one.
    if (error instanceof ConfigVersionError) return { ok: false, problems: [{ path: "schemaVersion", message: error.message }] };
    throw error;
  }
}

/** The version's config, migrated and validated; InvalidConfigError (with the problems) when it does not pass. */
export function validatedConfig(row: ConfigVersionRow): StoreConfig {
  const result = read(row);
  if (!result.ok) throw new InvalidConfigError(row.tenantId, row.number, result.problems);
  return result.config;
}

export function siteOf(row: ConfigVersionRow): Site {
  return { apiVersion: SITE_API_VERSION, tenantId: row.tenantId, configVersion: row.number, config: validatedConfig(row) };
}
