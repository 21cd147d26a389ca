// @vitest-environment jsdom
// The catalog page by page (lib/catalog-pages.js): the category screen and search show what the package knows at
// once, then load pages from the read API as the shopper scrolls, each item once, until the last page; without
// network they keep what they show and offer to try again. Items beyond the baked ones open from the API.
import { MAX_STORE_ITEMS, type Item } from "@kaidian/catalog";
import { sampleSnapshot, type SiteSnapshot } from "@kaidian/templates";
import { describe, expect, it } from "vitest";
import { catalogApi } from "./catalog-api";
import { find, openSamplePage, tap, type RenderedPage } from "./sample-page";

const API = "https://api.kaidian.test/mp/v1/sample-ecommerce";

/** The ecommerce sample with `perCategory` products in each of its categories, their titles numbered. */
function storeWith(perCategory: number): SiteSnapshot {
  const snapshot = sampleSnapshot("ecommerce", { apiBase: API });
  const { categories, items } = snapshot.catalog;
  snapshot.catalog.items = categories.flatMap((category, c) =>
    Array.from({ length: perCategory }, (_, n): Item => ({
      ...items[n % items.length]!,
      id: `c${c}-item-${n}`,
      title: `${category.name} 第${n}号`,
      description: n % 7 === 0 ? "限量 手冲 特选" : "日常款",
      categoryId: category.id,
    })),
  );
  return snapshot;
}

const shownTitles = (page: RenderedPage) => [...page.root.querySelectorAll(".kd-category__item .kd-item-card__title")].map((title) => title.textContent!.trim());
const itemRequests = (page: RenderedPage) => page.wx.requests.map((request) => request.url).filter((url) => url.startsWith(`${API}/items`));

/** Scrolls to the bottom until the list has no more pages, as a shopper's thumb would; the number of scrolls. */
async function scrollToEnd(page: RenderedPage): Promise<number> {
  let scrolls = 0;
  while (!page.page.data.done) {
    (page.page.onReachBottom as () => void)();
    await page.settle();
    scrolls += 1;
    if (scrolls > 10) throw new Error("the list never ended");
  }
  return scrolls;
}

describe("the category screen, page by page", () => {
  it(`opens a category of a ${MAX_STORE_ITEMS}-item store on its first page and appends the next ones as the shopper scrolls`, async () => {
    const snapshot = storeWith(MAX_STORE_ITEMS / sampleSnapshot("ecommerce").catalog.categories.length);
    expect(snapshot.catalog.items).toHaveLength(MAX_STORE_ITEMS);
    const [first] = snapshot.catalog.categories;
    const inFirst = snapshot.catalog.items.filter((item) => item.categoryId === first!.id);
    const page = await openSamplePage("ecommerce", "category", { snapshot, wx: { respond: catalogApi(API, snapshot.catalog) } });

    expect(shownTitles(page)).toEqual(inFirst.slice(0, 20).map((item) => item.title));
    expect(itemRequests(page).at(-1)).toBe(`${API}/items?limit=20&category=${first!.id}`);
    expect(page.text()).toContain("上拉加载更多");
    for (const shown of [40, 60]) {
      (page.page.onReachBottom as () => void)();
      await page.settle();
      expect(shownTitles(page)).toEqual(inFirst.slice(0, shown).map((item) => item.title));
    }
    expect(itemRequests(page).at(-1)).toMatch(new RegExp(`^${API}/items\\?limit=20&cursor=[^&]+&category=${first!.id}$`));
  }, 120_000);

  it("scrolls to the end of a category, showing each item once and asking nothing past it", async () => {
    const snapshot = storeWith(45);
    const [first] = snapshot.catalog.categories;
    const inFirst = snapshot.catalog.items.filter((item) => item.categoryId === first!.id);
    const page = await openSamplePage("ecommerce", "category", { snapshot, wx: { respond: catalogApi(API, snapshot.catalog) } });
    expect(await scrollToEnd(page)).toBe(2);
    expect(shownTitles(page)).toEqual(inFirst.map((item) => item.title));
    expect(page.text()).not.toContain("上拉加载更多");

    const asked = itemRequests(page).length;
    (page.page.onReachBottom as () => void)();
    await page.settle();
    expect(itemRequests(page)).toHaveLength(asked);
  }, 120_000);

  it("starts another list for another shelf, dropping the pages of the one left", async () => {
    const snapshot = storeWith(45);
    const [, second] = snapshot.catalog.categories;
    const page = await openSamplePage("ecommerce", "category", { snapshot, wx: { respond: catalogApi(API, snapshot.catalog) } });
    (page.page.onReachBottom as () => void)();
    await tap(page, ".van-sidebar-item", second!.name);
    expect(shownTitles(page)).toEqual(snapshot.catalog.items.filter((item) => item.categoryId === second!.id).slice(0, 20).map((item) => item.title));
    await scrollToEnd(page);
    expect(shownTitles(page)).toHaveLength(45);
    expect(shownTitles(page).every((title) => title.startsWith(second!.name))).toBe(true);
  }, 120_000);

  it("searches through the API a page at a time, sending at most 40 characters", async () => {
    const snapshot = storeWith(60);
    const matching = snapshot.catalog.items.filter((item) => item.description.includes("手冲"));
    expect(matching.length).toBeGreaterThan(20);
    const page = await openSamplePage("ecommerce", "category", { snapshot, query: { q: encodeURIComponent("手冲") }, wx: { respond: catalogApi(API, snapshot.catalog) } });
    expect(page.text()).toContain("“手冲”的搜索结果");
    expect(itemRequests(page).at(-1)).toBe(`${API}/items?limit=20&q=${encodeURIComponent("手冲")}`);
    await scrollToEnd(page);
    expect(shownTitles(page)).toEqual(matching.map((item) => item.title));

    const long = "咖".repeat(60);
    const searched = await openSamplePage("ecommerce", "category", { snapshot, query: { q: encodeURIComponent(long) }, wx: { respond: catalogApi(API, snapshot.catalog) } });
    expect(itemRequests(searched).at(-1)).toBe(`${API}/items?limit=20&q=${encodeURIComponent(long.slice(0, 40))}`);
    expect(searched.text()).toContain("没有找到相关商品");
  }, 120_000);

  it("shows the baked items offline, never a blank list, and loads the page once the network is back", async () => {
    const snapshot = storeWith(200);
    const [first] = snapshot.catalog.categories;
    let online = false;
    const page = await openSamplePage("ecommerce", "category", { snapshot, wx: { respond: catalogApi(API, snapshot.catalog, { online: () => online }) } });
    const baked = shownTitles(page);
    expect(baked.length).toBeGreaterThan(0);
    expect(baked.every((title) => title.startsWith(first!.name))).toBe(true);
    expect(page.text()).toContain("网络不给力，点击重试");

    online = true;
    await tap(page, ".kd-category__retry");
    expect(shownTitles(page)).toEqual(snapshot.catalog.items.filter((item) => item.categoryId === first!.id).slice(0, 20).map((item) => item.title));
    expect(page.text()).not.toContain("网络不给力");
  }, 120_000);
});

describe("an item the package does not bake", () => {
  it("opens from the read API, and says so when it is gone", async () => {
    const snapshot = storeWith(200);
    const item = snapshot.catalog.items.at(-1)!;
    const page = await openSamplePage("ecommerce", "item", { snapshot, query: { id: item.id }, wx: { respond: catalogApi(API, snapshot.catalog) } });
    expect(page.wx.requests.map((request) => request.url)).toContain(`${API}/items/${item.id}`);
    expect(find(page, ".kd-item__price").textContent).toContain("¥");
    expect(page.text()).toContain(item.title);

    const gone = await openSamplePage("ecommerce", "item", { snapshot, query: { id: "no-such-item" }, wx: { respond: catalogApi(API, snapshot.catalog) } });
    expect(gone.text()).toContain("该商品已下架或不存在");
  }, 120_000);
});

describe("a cart line of an item the package does not bake", () => {
  it("is priced from the API after a relaunch, while a line of an item that is gone stays out", async () => {
    const snapshot = storeWith(200);
    const item = snapshot.catalog.items.findLast((candidate) => candidate.kind === "product" && candidate.details.skus.some((sku) => sku.stock > 0))!;
    if (item.kind !== "product") return expect.fail("a product");
    const sku = item.details.skus.find((candidate) => candidate.stock > 0)!;
    const line = (itemId: string, options: string[]) => ({ key: `${itemId}|${JSON.stringify(options)}`, itemId, options, quantity: 1 });
    const page = await openSamplePage("ecommerce", "cart", {
      snapshot,
      storage: { "kd-cart": [line(item.id, sku.options), line("sold-last-year", [])] },
      wx: { respond: catalogApi(API, snapshot.catalog) },
    });
    expect(page.wx.requests.map((request) => request.url)).toEqual(expect.arrayContaining([`${API}/items/${item.id}`, `${API}/items/sold-last-year`]));
    expect(page.text()).toContain(item.title);
    expect(find(page, ".kd-bottom-bar").textContent).toContain(`去结算（1）`);
  }, 120_000);
});

