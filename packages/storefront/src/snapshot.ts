// The generator's input: one config version of a store and its catalog, in the shape baked into the package.
import type { Database } from "@kaidian/db";
import type { SiteSnapshot } from "@kaidian/templates";
import { readCatalog, type SkippedRow } from "./catalog";
import { configVersionFields, siteOf } from "./config-version";
import { mediaPublicBase, resolveMediaRefs } from "./media-refs";

export type SnapshotOptions = {
  /** The version to build, draft or published; the latest one when left out. */
  configVersion?: number;
  /** The store's read API, as the built Mini Program will call it: https://kaidian.example.com/api/mp/v1/<tenantId>. */
  apiBaseUrl: string;
  /** Told the catalog rows left out of the snapshot because their schema refuses them, so the caller can say so. */
  onSkipped?: (skipped: SkippedRow[]) => void;
};

/**
 * The snapshot of a store, or null when the store or the version does not exist. Whether a store may be built
 * (its status, who asks) is the caller's rule. InvalidConfigError when the version's config does not pass.
 */
export function loadSiteSnapshot(db: Database, tenantId: string, options: SnapshotOptions): Promise<SiteSnapshot | null> {
  const apiBase = new URL(options.apiBaseUrl).href.replace(/\/+$/, "");
  return db.scoped({ tenantId }, async (tx) => {
    const version = await tx.configVersion.findFirst({
      where: { tenantId, number: options.configVersion },
      orderBy: { number: "desc" },
      select: configVersionFields,
    });
    if (!version) return null;
    const site = siteOf(version);
    const { catalog, skipped } = await readCatalog(tx, tenantId);
    if (skipped.length) options.onSkipped?.(skipped);
    // Baked into the package for phones: uploaded images' refs made absolute, as the read API sends them.
    return resolveMediaRefs({ apiBase, site, catalog }, mediaPublicBase());
  });
}
