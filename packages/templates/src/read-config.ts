import type { z } from "zod";
import { configSchemaFor, type StoreConfig } from "./config";
import { migrateConfig } from "./migrations";
import type { TemplateDefinition } from "./template";

export type ConfigProblem = {
  /** Where, e.g. `pages.home.sections[2] (notice).settings.text`. */
  path: string;
  message: string;
};

export type ConfigReadResult =
  | { ok: true; config: StoreConfig; migrations: string[] }
  | { ok: false; problems: ConfigProblem[] };

/** Migrates a saved config to the current version and validates it against its template. */
export function readConfig(template: TemplateDefinition, saved: unknown): ConfigReadResult {
  const { config, applied } = migrateConfig(saved);
  const result = configSchemaFor(template).safeParse(config);
  if (result.success) return { ok: true, config: result.data, migrations: applied };
  return { ok: false, problems: describeIssues(result.error.issues, config) };
}

function describeIssues(issues: z.core.$ZodIssue[], config: unknown): ConfigProblem[] {
  return issues.map((issue) => ({ path: describePath(issue.path, config), message: issue.message }));
}

// Names sections by their type as well as their index, so "pages.home.sections[2] (notice)" points at the right one.
function describePath(path: PropertyKey[], config: unknown): string {
  let text = "";
  let node: unknown = config;
  for (const key of path) {
    text += typeof key === "number" ? `[${key}]` : `${text ? "." : ""}${String(key)}`;
    node = node && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    if (typeof key === "number" && node && typeof node === "object" && "type" in node && typeof node.type === "string") {
      text += ` (${node.type})`;
    }
  }
  return text || "(config)";
}
