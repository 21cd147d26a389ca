// What the Mini Program runtime reads: a published config with its tenant and version. The generator bakes one
// into every package (with the catalog) and the read API serves the live one, in the same shape.
import type { Catalog } from "@kaidian/catalog";
import type { StoreConfig } from "./config";

/** Bumped when the read API or the baked snapshot changes shape; a runtime ignores answers of another version. */
export const SITE_API_VERSION = 1;

export type Site = {
  apiVersion: typeof SITE_API_VERSION;
  tenantId: string;
  /** The config version number this site shows. */
  configVersion: number;
  config: StoreConfig;
};

/** Baked into the package as `config/site.js`: what the Mini Program shows before (or without) the network. */
export type SiteSnapshot = {
  /** Base URL of the read API, e.g. https://kaidian.example.com/api/mp/v1/<tenantId>. */
  apiBase: string;
  site: Site;
  catalog: Catalog;
};
