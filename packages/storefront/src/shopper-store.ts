// Everything shop-api keeps of a live store, read in one transaction so the site and the catalog agree.
import type { Database } from "@kaidian/db";
import type { Site } from "@kaidian/templates";
import { type FirstPage, indexCatalog, readFirstPage, readShopperCatalog, type ShopperCatalog } from "./catalog-pages";
import { configVersionFields, siteOf } from "./config-version";
import { InvalidConfigError } from "./errors";
import { inLiveStore } from "./live-store";

export type ShopperStore = {
  /** The published site, or why its saved config cannot be shown (logged; shoppers get a generic failure). */
  site: Site | InvalidConfigError;
  catalog: ShopperCatalog;
};

/** The live store (active, something published); null for any other, as for an unknown one. */
export async function loadShopperStore(db: Database, tenantId: string): Promise<ShopperStore | null> {
  const read = await inLiveStore(db, tenantId, async (tx) => {
    const [version, catalog] = await Promise.all([
      tx.configVersion.findFirst({ where: { tenantId, status: "PUBLISHED" }, orderBy: { number: "desc" }, select: configVersionFields }),
      readShopperCatalog(tx, tenantId),
    ]);
    let site: Site | InvalidConfigError;
    try {
      // A live store has a published version; validated at publish, checked again here only once per change.
      site = siteOf(version!);
    } catch (error) {
      if (!(error instanceof InvalidConfigError)) throw error;
      site = error;
    }
    return { site, catalog };
  });
  return read && { site: read.site, catalog: indexCatalog(read.catalog) };
}

export type FirstPageRead = { kind: "page"; page: FirstPage } | { kind: "notLive" } | { kind: "unsure" };

/** The first page of a live store's catalog, straight from PostgreSQL (see readFirstPage): a cache miss's quick answer. */
export async function loadFirstCatalogPage(db: Database, tenantId: string, limit: number): Promise<FirstPageRead> {
  const read = await inLiveStore(db, tenantId, async (tx) => ({ page: await readFirstPage(tx, tenantId, limit) }));
  if (!read) return { kind: "notLive" };
  return read.page ? { kind: "page", page: read.page } : { kind: "unsure" };
}
