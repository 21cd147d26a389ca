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

/** Categories and items: what a package bakes, and the whole of a `/catalog` answer before paging. */
export const catalogResponseSchema = z.object({ categories: z.array(categorySchema), items: z.array(itemSchema) });

export const categoriesResponseSchema = catalogResponseSchema.pick({ categories: true });

export const itemsResponseSchema = catalogResponseSchema.pick({ items: true });

/** The opaque cursor of the next page (null on the last), which the Mini Program passes back as given. */
const nextCursorSchema = z.string().min(1).nullable();

/**
 * `/catalog?limit=&cursor=&category=&q=`: every category and one page of items; `nextCursor` asks for the next page.
 * Packages uploaded before paging ignore it.
 */
export const catalogPageResponseSchema = catalogResponseSchema.extend({ nextCursor: nextCursorSchema });

/** `/items?limit=&cursor=&category=&q=`: one page of items. */
export const itemsPageResponseSchema = itemsResponseSchema.extend({ nextCursor: nextCursorSchema });

export const itemResponseSchema = z.object({ item: itemSchema });

export const apiErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });


const DAY_MS = 24 * 60 * 60 * 1000;
/** The most nights one request may ask for: two stays of the longest the booking page allows. */
export const MAX_QUERY_NIGHTS = 60;

const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), { error: "Not a calendar date" });

/** `?from=YYYY-MM-DD&to=YYYY-MM-DD`: the first and the last night of a stay (the night before check-out), store dates. */
export const nightsQuerySchema = z
  .object({ from: calendarDate, to: calendarDate })
  .refine(({ from, to }) => Date.parse(to) >= Date.parse(from), { error: "to is before from", path: ["to"] })
  .refine(({ from, to }) => (Date.parse(to) - Date.parse(from)) / DAY_MS < MAX_QUERY_NIGHTS, {
    error: `At most ${MAX_QUERY_NIGHTS} nights`,
    path: ["to"],
  });
export type NightsQuery = z.infer<typeof nightsQuerySchema>;

/** Each night's rate (the room's base price unless the hotel set one) and rooms left (0: sold out or closed). */
export const nightsResponseSchema = z.object({
  nights: z.array(z.object({ date: calendarDate, rateFen: z.int().min(0), available: z.int().min(0) })),
});
export type NightsResponse = z.infer<typeof nightsResponseSchema>;
