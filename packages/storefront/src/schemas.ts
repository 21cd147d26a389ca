// The read API's response bodies, built from the template and catalog schemas so the dashboard, the read API, the
// generator and the runtime agree on one shape (clients take their types with z.infer). The API parses every body
// with these before sending it, which also drops any field they do not name.
import { categorySchema, itemSchema } from "@kaidian/catalog";
import { configSchemaFor, SITE_API_VERSION, type Site, storeInfoSchema, templateList } from "@kaidian/templates";
import { z } from "zod";

export const siteResponseSchema = z.object({
  apiVersion: z.literal(SITE_API_VERSION),
  tenantId: z.uuid(),
  configVersion: z.int().min(1),
  config: z.union(templateList.map((template) => configSchemaFor(template))),
}) satisfies z.ZodType<Site>;

export const storeResponseSchema = z.object({ store: storeInfoSchema });

/** What the runtime loads at launch. Not capped: a catalog's size limits are the editor's to enforce on save. */
export const catalogResponseSchema = z.object({ categories: z.array(categorySchema), items: z.array(itemSchema) });

export const categoriesResponseSchema = catalogResponseSchema.pick({ categories: true });

export const itemsResponseSchema = catalogResponseSchema.pick({ items: true });

export const itemResponseSchema = z.object({ item: itemSchema });

export const apiErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

