import { loadPublishedSite, siteResponseSchema } from "@kaidian/storefront";
import { readApi } from "@/server/read-api";

/** The published site: pages, theme, store info and tab bar. */
export const GET = readApi(siteResponseSchema, ({ db, tenantId }) => loadPublishedSite(db, tenantId));
