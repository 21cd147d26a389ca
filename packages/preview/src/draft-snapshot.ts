// The snapshot a preview shows: a store's draft config and catalog in the shape the runtime bakes into a package.
import type { Catalog } from "@kaidian/catalog";
import { SITE_API_VERSION, type SiteSnapshot, type StoreConfig } from "@kaidian/templates";

export type DraftSnapshotInput = { tenantId: string; config: StoreConfig; catalog: Catalog; configVersion?: number };

/** apiBase is empty, which turns the runtime's launch refresh off: a preview shows the draft, not the live site. */
export function draftSnapshot({ tenantId, config, catalog, configVersion = 0 }: DraftSnapshotInput): SiteSnapshot {
  return { apiBase: "", site: { apiVersion: SITE_API_VERSION, tenantId, configVersion, config }, catalog };
}
