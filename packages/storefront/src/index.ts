export { loadPublishedSite } from "./published-site";
export { configVersionFields, validatedConfig } from "./config-version";
export { loadCatalog, type CatalogQuery, type CatalogRead, type SkippedRow } from "./catalog";
export { loadSiteSnapshot, type SnapshotOptions } from "./snapshot";
export { addSampleCatalog, addSampleContent, type SampleContentInput } from "./sample-content";
export { publishConfigVersion } from "./publish";
export { etagOfBytes } from "./etag";
export { mediaPublicBase, resolveMediaRefs } from "./media-refs";
export { loadPublishedNights } from "./nights";
export { ConfigVersionNotFoundError, InvalidConfigError } from "./errors";
export * from "./schemas";
export {
  LEGACY_CATALOG_LIMIT,
  MAX_SEARCH_CHARS,
  NO_CATEGORY,
  PAGE_LIMIT,
  pageOf,
  pageQuerySchema,
  parsePageQuery,
  readShopperCatalog,
  indexCatalog,
  searchForm,
  type ItemsPage,
  type PageQuery,
  type PageQueryProblem,
  type ShopperCatalog,
} from "./catalog-pages";
export { type FirstPageRead, loadFirstCatalogPage, loadShopperStore, type ShopperStore } from "./shopper-store";
export { isUuid } from "./ids";
