// Saved configs are never rewritten in place: each read migrates an older shape forward, one version at a time,
// then validates it against today's schema. A config from the future (a newer build wrote it) is refused rather
// than guessed at.
import { z } from "zod";
import { CONFIG_SCHEMA_VERSION } from "./schema-version";

type RawConfig = Record<string, unknown>;

type Migration = { to: number; summary: string; up: (config: RawConfig) => RawConfig };

const recordSchema = z.record(z.string(), z.unknown());

/**
 * Version 1 kept a single brand colour (`theme.color`) and stored sections as `{ type, props }` without ids, so
 * the editor could not tell two sections of one type apart across saves. Version 2 splits the colour into primary
 * and accent and gives every section a stable id and `settings`.
 */
const toVersion2: Migration = {
  to: 2,
  summary: "theme.color -> primaryColor/accentColor; sections get ids and settings",
  up(config) {
    const theme = recordSchema.catch({}).parse(config.theme);
    const { color, ...restOfTheme } = theme;
    const pages = recordSchema.catch({}).parse(config.pages);
    return {
      ...config,
      schemaVersion: 2,
      theme: typeof color === "string" ? { ...restOfTheme, primaryColor: color, accentColor: color } : restOfTheme,
      pages: Object.fromEntries(
        Object.entries(pages).map(([pageId, page]) => {
          const { sections = [], ...restOfPage } = recordSchema.catch({}).parse(page);
          const list = Array.isArray(sections) ? sections : [];
          return [
            pageId,
            {
              ...restOfPage,
              sections: list.map((section, index) => {
                const { type, props } = recordSchema.catch({}).parse(section);
                return { id: `${String(type)}-${index + 1}`, type, settings: props ?? {} };
              }),
            },
          ];
        }),
      ),
    };
  },
};

const migrations: Migration[] = [toVersion2];

export class ConfigVersionError extends Error {
  constructor(readonly found: unknown) {
    super(`Config schema version ${String(found)} is not one this build knows (1 to ${CONFIG_SCHEMA_VERSION})`);
  }
}

/** Brings a saved config up to the current schema version; returns it with the migrations applied, in order. */
export function migrateConfig(saved: unknown): { config: unknown; applied: string[] } {
  const parsed = recordSchema.safeParse(saved);
  if (!parsed.success) return { config: saved, applied: [] };
  let config = parsed.data;
  const version = config.schemaVersion ?? 1;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1 || version > CONFIG_SCHEMA_VERSION) {
    throw new ConfigVersionError(version);
  }
  const applied: string[] = [];
  for (const migration of migrations) {
    if (migration.to <= version) continue;
    config = migration.up(config);
    applied.push(`v${migration.to}: ${migration.summary}`);
  }
  return { config, applied };
}
