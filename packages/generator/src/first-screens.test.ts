// @vitest-environment jsdom
// A store of MAX_STORE_ITEMS items: its package bakes only what the first screens show, so it generates, passes
// WeChat's schemas, keeps the main package the size of a small store's, and opens in the harness showing its items.
import { mkdtemp } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { MAX_STORE_ITEMS, type Catalog, type Item } from "@kaidian/catalog";
import { sampleSnapshot, type SiteSnapshot } from "@kaidian/templates";
import { describe, expect, it } from "vitest";
import { BAKED_ITEMS_BYTES, firstScreensCatalog } from "./first-screens";
import { generatePackage } from "./generate";
import { renderPage } from "./testing/render-page";

/** The ecommerce sample grown to `count` products spread over its categories, each with a long description. */
function storeOfSize(count: number): SiteSnapshot {
  const snapshot = sampleSnapshot("ecommerce");
  const { categories, items } = snapshot.catalog;
  snapshot.catalog.items = Array.from({ length: count }, (_, n): Item => ({
    ...items[n % items.length]!,
    id: `item-${n}`,
    title: `商品 ${n}`,
    description: "手工烘焙的咖啡豆，产地直采。".repeat(20),
    categoryId: categories[n % categories.length]!.id,
  }));
  return snapshot;
}

async function generate(snapshot: SiteSnapshot) {
  const outDir = await mkdtemp(path.join(os.tmpdir(), "kaidian-first-screens-"));
  const tenant = { id: "sample-ecommerce", slug: `size-${snapshot.catalog.items.length}` };
  const result = await generatePackage({ tenant, appid: "wx0123456789abcdef", templateId: "ecommerce", snapshot }, { outDir });
  if (!result.ok) return expect.fail(result.problems.map((p) => `${p.file} ${p.rule} ${p.message}`).join("\n"));
  return result;
}

describe(`a store of ${MAX_STORE_ITEMS} items`, () => {
  it("generates a package whose main package is within 10% of a 10-item store's, and that opens showing its items", async () => {
    const small = await generate(storeOfSize(10));
    const large = await generate(storeOfSize(MAX_STORE_ITEMS));
    expect(large.manifest.sizes.main).toBeLessThanOrEqual(small.manifest.sizes.main * 1.1);

    const dir = large.written!.dir;
    const baked = createRequire(import.meta.url)(`${dir}/config/site.js`) as SiteSnapshot;
    const snapshot = storeOfSize(MAX_STORE_ITEMS);
    expect(baked.catalog.categories).toEqual(snapshot.catalog.categories);
    expect(Buffer.byteLength(JSON.stringify(baked.catalog.items))).toBeLessThanOrEqual(BAKED_ITEMS_BYTES);
    expect(baked.catalog.items.length).toBeLessThan(40);

    // Offline, as on a phone without network: the home page's grid and the category screen's first shelf.
    const home = await renderPage(dir, "pages/home/index");
    await home.settle();
    const grid = snapshot.site.config.pages.home!.sections.find((section) => section.type === "item-grid");
    if (grid?.type !== "item-grid" || grid.settings.source !== "category") return expect.fail("the sample's home page lists a category");
    const gridItems = snapshot.catalog.items.filter((item) => !grid.settings.categoryId || item.categoryId === grid.settings.categoryId);
    for (const item of gridItems.slice(0, grid.settings.limit)) expect(home.text()).toContain(item.title);
    home.detach();

    // The category screen opens on its first shelf with the items of it the package knows, never a blank list.
    const category = await renderPage(dir, "pages/category/index");
    await category.settle();
    const known = baked.catalog.items.filter((item) => item.categoryId === snapshot.catalog.categories[0]!.id);
    expect(known.length).toBeGreaterThan(0);
    for (const item of known) expect(category.text()).toContain(item.title);
    category.detach();
  }, 120_000);
});

describe("the baked catalog", () => {
  const catalog = (count: number): Catalog => storeOfSize(count).catalog;

  it("takes the first screens' items in the order they want them until the byte budget is spent, in the merchant's order", () => {
    const snapshot = storeOfSize(200);
    const config = snapshot.site.config;
    const picked = ["item-150", "item-3", "item-77"];
    config.pages.home!.sections = [
      { id: "picked", type: "item-grid", settings: { title: "", layout: "grid", source: "picked", categoryId: "", limit: 6, itemIds: picked, showPrice: true } },
    ];
    const all = firstScreensCatalog(config, snapshot.catalog);
    expect(all.items.map((item) => item.id)).toEqual(["item-3", "item-77", "item-150"]);
    const size = Buffer.byteLength(JSON.stringify(snapshot.catalog.items[150]));
    const two = firstScreensCatalog(config, snapshot.catalog, size * 2);
    expect(two.items.map((item) => item.id)).toEqual(["item-3", "item-150"]);
    expect(firstScreensCatalog(config, catalog(200), 10).items).toEqual([]);
  });

  it("bakes the first item of no category the store lists, so the runtime offers the 其他 shelf that pages the rest", () => {
    const snapshot = storeOfSize(200);
    const config = snapshot.site.config;
    config.pages.home!.sections = [];
    expect(firstScreensCatalog(config, snapshot.catalog).items).toEqual([]);
    snapshot.catalog.items[120] = { ...snapshot.catalog.items[120]!, categoryId: null };
    snapshot.catalog.items[180] = { ...snapshot.catalog.items[180]!, categoryId: "a-category-since-deleted" };
    expect(firstScreensCatalog(config, snapshot.catalog).items.map((item) => item.id)).toEqual(["item-120"]);
    snapshot.catalog.items[120] = { ...snapshot.catalog.items[120]!, categoryId: snapshot.catalog.categories[0]!.id };
    expect(firstScreensCatalog(config, snapshot.catalog).items.map((item) => item.id)).toEqual(["item-180"]);
  });
});
