export { loadPublishedSite } from "./published-site";
export { loadCatalog, loadPublishedCatalog, type CatalogQuery, type CatalogRead, type SkippedRow } from "./catalog";
export { loadSiteSnapshot, type SnapshotOptions } from "./snapshot";
export { addSampleCatalog, addSampleContent, type SampleContentInput } from "./sample-content";
export { publishConfigVersion } from "./publish";
export { etagOf } from "./etag";
export { kindToDatabase } from "./item-kinds";
export { ConfigVersionNotFoundError, InvalidConfigError } from "./errors";
export * from "./schemas";
