// What of the catalog a package bakes: every category, and the items its pages' sections show on first sight,
// within a byte budget (a small shop's whole catalog when it fits, so it works offline throughout). The runtime
// shows these before the API answers and when it cannot; the rest it loads page by page. So the main package
// stays the same size whether the store sells ten items or ten thousand.
import { catalogSchema, MAX_STORE_ITEMS } from "@kaidian/catalog";
import type { SectionInstance, StoreConfig } from "@kaidian/templates";
import { z } from "zod";

/**
 * The most bytes of JSON the baked items may take: about 30 typical items, and a sixth of the runtime's own
 * ~150 KiB, so however many items a store sells its main package stays near every other store's.
 */
export const BAKED_ITEMS_BYTES = 24 * 1024;
/** Items the runtime asks for per page, and so how many the first screen of a list shows. */
export const FIRST_PAGE_ITEMS = 20;

/**
 * What choosing needs of a catalog: its categories whole, and each item's id, category and kind. Only the items
 * chosen are then checked field by field, so a store of thousands is not parsed in full for every build.
 */
export const catalogOutlineSchema = z.object({
  categories: catalogSchema.shape.categories,
  items: z.array(z.looseObject({ id: z.string(), categoryId: z.string().nullable(), kind: z.string() })).max(MAX_STORE_ITEMS),
});
type Outline = z.infer<typeof catalogOutlineSchema>;
type OutlineItem = Outline["items"][number];

/** Ids of the items `section` shows on first sight, in the order it shows them. */
function shownBy(section: SectionInstance, catalog: Outline): string[] {
  const inCategory = (categoryId: string) => catalog.items.filter((item) => !categoryId || item.categoryId === categoryId);
  const ids = (items: OutlineItem[], count: number) => items.slice(0, count).map((item) => item.id);
  switch (section.type) {
    case "item-grid": {
      const { source, itemIds, categoryId, limit } = section.settings;
      return source === "picked" ? itemIds : ids(inCategory(categoryId), limit);
    }
    case "category-grid":
      // Each cell's picture is its category's first item.
      return catalog.categories.slice(0, section.settings.limit).flatMap((category) => ids(inCategory(category.id), 1));
    case "room-list":
      return ids(catalog.items.filter((item) => item.kind === "room"), section.settings.limit);
    case "menu":
      return firstShelf(catalog);
    default:
      return [];
  }
}

/** The first page of the first category: what the menu opens on. */
function firstShelf(catalog: Outline): string[] {
  const first = catalog.categories[0];
  const shelf = first ? catalog.items.filter((item) => item.categoryId === first.id) : catalog.items;
  return shelf.slice(0, FIRST_PAGE_ITEMS).map((item) => item.id);
}

/**
 * The first item of no category the store lists, if any: the runtime offers the "其他" shelf (which then pages
 * from the API) only when it knows one such item, and items of no category sort last, beyond every first screen.
 */
function firstOther(catalog: Outline): string[] {
  const known = new Set(catalog.categories.map(({ id }) => id));
  const other = catalog.items.find((item) => item.categoryId === null || !known.has(item.categoryId));
  return other ? [other.id] : [];
}

/** Whether the items' JSON fits the budget, measured only as far as it takes to know. */
function fitsWhole(items: OutlineItem[], budget: number): boolean {
  let bytes = 2;
  for (const item of items) {
    bytes += Buffer.byteLength(JSON.stringify(item)) + 1;
    if (bytes > budget) return false;
  }
  return true;
}

/** The catalog to bake: every category, and the whole catalog's items or the first screens', in the merchant's order. */
export function firstScreensCatalog(config: StoreConfig, catalog: Outline, budget = BAKED_ITEMS_BYTES): Outline {
  if (fitsWhole(catalog.items, budget)) return catalog;
  const wanted = [...firstOther(catalog), ...Object.values(config.pages).flatMap((page) => page?.sections.flatMap((section) => shownBy(section, catalog)) ?? [])];
  const byId = new Map(catalog.items.map((item) => [item.id, item]));
  const baked = new Set<string>();
  let bytes = 0;
  // In the order the screens want them, so a budget that runs out drops the least visible items.
  for (const id of wanted) {
    const item = byId.get(id);
    if (!item || baked.has(id)) continue;
    const size = Buffer.byteLength(JSON.stringify(item));
    if (bytes + size > budget) break;
    baked.add(id);
    bytes += size;
  }
  // Kept in the merchant's order: the runtime lists a category's known items as they come.
  return { categories: catalog.categories, items: catalog.items.filter((item) => baked.has(item.id)) };
}
