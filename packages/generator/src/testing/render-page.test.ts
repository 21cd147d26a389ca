// @vitest-environment jsdom
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { shopPackage, type FixturePackage } from "./fixtures/shop-package";
import { renderPage, type RenderOptions, type RenderedPage } from "./render-page";

const bakedMenu = "桂花乌龙 ¥18.00 茉莉花茶 ¥16.00 离线菜单";

let shop: FixturePackage;
const packages: FixturePackage[] = [];
const rendered: RenderedPage[] = [];

beforeAll(async () => {
  shop = await shopPackage();
  packages.push(shop);
});
afterEach(() => rendered.splice(0).forEach((page) => page.detach()));
afterAll(() => Promise.all(packages.map((fixture) => fixture.remove())));

async function render(pagePath: string, options?: RenderOptions, dir = shop.dir) {
  const page = await renderPage(dir, pagePath, options);
  rendered.push(page);
  return page;
}

describe("the home page", () => {
  it("shows the shop, one product card per item in order, and the van-button's label", async () => {
    const home = await render("pages/home/index", { storage: { cart: ["p1", "p2"] } });

    // The name comes from ext.json through App.onLaunch and getApp(), the notice is rich-text HTML, prices
    // come from a WXS module two components down, the cart count from storage.
    expect(home.text()).toBe("茶园小铺 明前龙井上新 龙井 ¥38.00 普洱 ¥120.50 白毫银针 ¥9.99 购物车 2 件 去点单");
    expect(home.root.querySelectorAll("product-card")).toHaveLength(3);
    expect(home.root.querySelector("product-card wx-image")?.getAttribute("src")).toBe("https://img.kaidian.test/p1.jpg");
    // van-button's classes are computed by its own WXS (utils.bem): proof the npm component really rendered.
    expect(home.root.querySelector("van-button wx-button")?.classList).toContain("van-button--primary");
  });

  it("leaves out hidden and wx:if-removed content until setData shows it", async () => {
    const home = await render("pages/home/index");
    expect(home.text()).not.toContain("购物车");
    expect(home.text()).not.toContain("今日休息");

    home.page.setData({ open: false, cartCount: 1 });
    expect(home.text()).toBe("茶园小铺 今日休息 明前龙井上新 龙井 ¥38.00 普洱 ¥120.50 白毫银针 ¥9.99 购物车 1 件 去点单");
  });

  it("records the navigation a tap on the van-button starts", async () => {
    const home = await render("pages/home/index");
    home.tap("van-button wx-button");
    await home.settle();
    expect(home.wx.calls).toEqual([{ api: "navigateTo", options: { url: "/pages/menu/index?table=7" } }]);
  });
});

describe("the menu page", () => {
  it("falls back to the baked menu when the network is unreachable", async () => {
    const menu = await render("pages/menu/index", { query: { table: "7" } });
    expect(menu.text()).toBe("加载中");

    await menu.settle();
    expect(menu.text()).toBe(bakedMenu);
    expect(menu.wx.requests).toEqual([
      { url: "https://api.kaidian.test/shops/shop-1/menu?table=7", method: "GET", data: undefined, header: {} },
    ]);
  });

  it("replaces the baked menu with a successful response", async () => {
    const menu = await render("pages/menu/index", {
      query: { table: "3" },
      wx: { respond: () => ({ statusCode: 200, data: { items: [{ id: "x", name: "冻顶乌龙", price: "22.00" }] } }) },
    });
    await menu.settle();
    expect(menu.text()).toBe("冻顶乌龙 ¥22.00");
    expect(menu.page.data.source).toBe("live");
  });

  it("keeps the baked menu when the server answers with an error", async () => {
    const menu = await render("pages/menu/index", { wx: { respond: () => ({ statusCode: 502, data: "Bad Gateway" }) } });
    await menu.settle();
    expect(menu.text()).toBe(bakedMenu);
  });
});

describe("isolation", () => {
  it("renders two packages with different templates side by side, each with its own", async () => {
    const other = await shopPackage();
    packages.push(other);
    await writeFile(path.join(other.dir, "pages/menu/index.wxml"), '<view class="count">共 {{ items.length }} 款</view>\n');

    const first = await render("pages/menu/index");
    const second = await render("pages/menu/index", {}, other.dir);
    await Promise.all([first.settle(), second.settle()]);
    expect(first.text()).toBe(bakedMenu);
    expect(second.text()).toBe("共 2 款");
  });

  it("leaves no runtime globals behind", async () => {
    const home = await render("pages/home/index");
    home.detach();
    for (const name of ["Page", "App", "getApp", "getCurrentPages", "Component", "Behavior", "wx", "$gwx", "__WXML_GLOBAL__"]) {
      expect(name in globalThis, name).toBe(false);
    }
    expect(document.body.contains(home.root)).toBe(false);
  });

  it("fails the render when component code throws, although the framework only logs it", async () => {
    const broken = await shopPackage();
    packages.push(broken);
    await writeFile(
      path.join(broken.dir, "components/price-tag/index.js"),
      'Component({ properties: { cents: Number }, lifetimes: { attached: function () { throw new Error("price-tag broke"); } } });\n',
    );
    const error = await render("pages/home/index", {}, broken.dir).catch((caught: unknown) => caught);
    // One per product card; the half-rendered page is taken down again.
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).errors.map((each: Error) => each.message)).toEqual(Array(3).fill("price-tag broke"));
    expect(document.body.children).toHaveLength(0);
  });

  it("refuses a page app.json does not list", async () => {
    await expect(render("pages/missing/index")).rejects.toThrow("pages/missing/index is not a page of app.json");
  });
});
