// @vitest-environment jsdom
// The launch refresh (lib/refresh.js): a live answer replaces the baked snapshot only when it is one this
// package can show, is cached with its ETag, and outlives the network.
import type { Catalog } from "@kaidian/catalog";
import { sampleSnapshot, type Site } from "@kaidian/templates";
import { describe, expect, it } from "vitest";
import { openSamplePage } from "./sample-page";
import type { FakeRequest, FakeResponse } from "../testing/render-page";

const API = "https://api.kaidian.test/mp/v1/sample-ecommerce";
const snapshot = sampleSnapshot("ecommerce", { apiBase: API });
const CACHE_KEY = "kd-site-cache";

/** The baked site after the merchant renamed the store and edited the notice. */
function liveSite(): Site {
  const site = structuredClone(snapshot.site);
  site.configVersion = 2;
  site.config.store.name = "山野咖啡 · 新店";
  const notice = site.config.pages.home?.sections.find((section) => section.type === "notice");
  if (notice?.type === "notice") notice.settings.text = "新店开业，全场九折";
  return site;
}

function liveCatalog(): Catalog {
  const catalog = structuredClone(snapshot.catalog);
  catalog.items[0]!.title = "云南小粒咖啡豆 500g";
  return catalog;
}

type Answers = { site: FakeResponse | "fail"; catalog: FakeResponse | "fail" };

function api(answers: Answers) {
  return (request: FakeRequest) => (request.url.endsWith("/site") ? answers.site : answers.catalog);
}

const ok = (data: unknown, etag: string): FakeResponse => ({ statusCode: 200, data, header: { ETag: etag } });

function cacheOf(site: unknown, catalog: unknown, packageKey = "sample-ecommerce:1") {
  return { package: packageKey, site: { etag: '"s2"', body: site }, catalog: { etag: '"c2"', body: catalog } };
}

/** The launch's refresh requests; the home page's coupon strip asks for the store's live coupons beside them. */
const refreshes = (page: { wx: { requests: { url: string; header: Record<string, string> }[] } }) =>
  page.wx.requests.filter((request) => /\/(site|catalog)(\?|$)/.test(request.url));

describe("launch refresh", () => {
  it("shows the live site and catalog and caches them with their ETags", async () => {
    const page = await openSamplePage("ecommerce", "home", {
      snapshot,
      wx: { respond: api({ site: ok(liveSite(), '"s2"'), catalog: ok(liveCatalog(), '"c2"') }) },
    });
    expect(refreshes(page).map((request) => request.url)).toEqual([`${API}/site`, `${API}/catalog?limit=20`]);
    expect(page.text()).toContain("山野咖啡 · 新店");
    expect(page.text()).toContain("新店开业，全场九折");
    expect(page.text()).toContain("云南小粒咖啡豆 500g");
    expect(page.wx.storage.get(CACHE_KEY)).toEqual(cacheOf(liveSite(), liveCatalog()));
  });

  it("keeps the baked snapshot when the API is unreachable", async () => {
    const page = await openSamplePage("ecommerce", "home", { snapshot });
    expect(refreshes(page)).toHaveLength(2);
    expect(page.text()).toContain("满 99 元包邮，下午 4 点前下单当天发货");
    expect(page.text()).toContain("云南小粒咖啡豆 250g");
  });

  const refused: [string, (site: Record<string, any>) => void][] = [
    ["another API version", (site) => (site.apiVersion = 2)],
    ["another tenant", (site) => (site.tenantId = "someone-else")],
    ["another config schema", (site) => (site.config.schemaVersion = 3)],
    ["another template", (site) => (site.config.templateId = "hotel")],
    ["a page without sections", (site) => delete site.config.pages.home.sections],
    ["a section without settings", (site) => delete site.config.pages.home.sections[0].settings],
  ];

  it.each(refused)("refuses a site answer with %s", async (_, spoil) => {
    const site = liveSite() as unknown as Record<string, any>;
    spoil(site);
    const page = await openSamplePage("ecommerce", "home", {
      snapshot,
      wx: { respond: api({ site: ok(site, '"s3"'), catalog: "fail" }) },
    });
    expect(page.text()).toContain("满 99 元包邮");
    expect(page.text()).not.toContain("新店开业");
  });

  it("refuses a catalog with an item of unexpected shape, and still takes the site", async () => {
    const catalog = liveCatalog() as unknown as { items: Record<string, unknown>[] };
    delete catalog.items[1]!.priceFen;
    const page = await openSamplePage("ecommerce", "home", {
      snapshot,
      wx: { respond: api({ site: ok(liveSite(), '"s2"'), catalog: ok(catalog, '"c3"') }) },
    });
    expect(page.text()).toContain("新店开业，全场九折");
    expect(page.text()).toContain("云南小粒咖啡豆 250g");
  });

  it("sends the cached ETags and shows the cached answers on 304", async () => {
    const notModified: FakeResponse = { statusCode: 304, data: "" };
    const page = await openSamplePage("ecommerce", "home", {
      snapshot,
      storage: { [CACHE_KEY]: cacheOf(liveSite(), liveCatalog()) },
      wx: { respond: api({ site: notModified, catalog: notModified }) },
    });
    expect(refreshes(page).map((request) => request.header["If-None-Match"])).toEqual(['"s2"', '"c2"']);
    expect(page.text()).toContain("新店开业，全场九折");
    expect(page.text()).toContain("云南小粒咖啡豆 500g");
  });

  it("shows the last good answer when a later launch is offline", async () => {
    const page = await openSamplePage("ecommerce", "home", { snapshot, storage: { [CACHE_KEY]: cacheOf(liveSite(), liveCatalog()) } });
    expect(page.text()).toContain("山野咖啡 · 新店");
    expect(page.text()).toContain("云南小粒咖啡豆 500g");
  });

  it("ignores a cache written under another package, and sends no ETag for it", async () => {
    const page = await openSamplePage("ecommerce", "home", {
      snapshot,
      storage: { [CACHE_KEY]: cacheOf(liveSite(), liveCatalog(), "sample-ecommerce:0") },
    });
    expect(page.text()).toContain("满 99 元包邮");
    expect(refreshes(page).map((request) => request.header["If-None-Match"])).toEqual([undefined, undefined]);
  });

  it("asks nothing when the package has no API base", async () => {
    const page = await openSamplePage("ecommerce", "home");
    expect(page.wx.requests).toEqual([]);
  });
});
