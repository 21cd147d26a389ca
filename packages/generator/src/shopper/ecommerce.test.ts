// @vitest-environment jsdom
// The ecommerce sample store, page by page: what a shopper reads and what each tap asks of WeChat.
import { sampleSnapshot, type SectionInstance } from "@kaidian/templates";
import { describe, expect, it } from "vitest";
import { find, fire, openSamplePage, tap } from "./sample-page";

const cartLine = (itemId: string, options: string[], quantity: number) => ({
  key: `${itemId}|${JSON.stringify(options)}`,
  itemId,
  options,
  quantity,
});

describe("home", () => {
  it("renders the configured sections in order, with prices from fen", async () => {
    const page = await openSamplePage("ecommerce", "home");
    const text = page.text();
    const inOrder = ["本周新豆", "满 99 元包邮", "咖啡豆", "店长推荐", "我们的故事", "文林街 18 号"];
    expect(inOrder.map((part) => text.indexOf(part))).toEqual([...inOrder.map((part) => text.indexOf(part))].sort((a, b) => a - b));
    expect(text).toContain("云南小粒咖啡豆 250g ¥68");
    expect(page.wx.calls).toContainEqual({ api: "setNavigationBarTitle", options: { title: "山野咖啡" } });
  });

  it("opens tab pages with switchTab and the others with navigateTo", async () => {
    const page = await openSamplePage("ecommerce", "home");
    await tap(page, ".kd-category-grid__cell", "周边");
    await tap(page, ".kd-item-card", "陶瓷马克杯");
    const navigation = page.wx.calls.filter((call) => call.api === "switchTab" || call.api === "navigateTo");
    expect(navigation.map((call) => [call.api, call.options.url])).toEqual([
      ["switchTab", "/pages/category/index"],
      ["navigateTo", "/pages/item/index?id=mug"],
    ]);
  });
});

describe("category", () => {
  it("opens on the category in the query and switches with the sidebar", async () => {
    const page = await openSamplePage("ecommerce", "category", { query: { id: "goods" } });
    expect(page.text()).toContain("陶瓷马克杯");
    expect(page.text()).not.toContain("云南小粒咖啡豆");
    await tap(page, ".van-sidebar-item", "即饮咖啡");
    expect(page.text()).toContain("冷萃咖啡液 6 瓶");
    expect(page.text()).not.toContain("陶瓷马克杯");
  });

  it("follows a link to another category while it is the open tab", async () => {
    const snapshot = sampleSnapshot("ecommerce");
    const ad: SectionInstance = {
      id: "gear-ad",
      type: "image-ad",
      settings: { image: "/assets/samples/kettle.svg", caption: "手冲器具", link: { kind: "category", categoryId: "gear" } },
    };
    snapshot.site.config.pages.category!.sections = [ad];
    const page = await openSamplePage("ecommerce", "category", { snapshot });
    expect(page.text()).toContain("云南小粒咖啡豆");
    await tap(page, ".kd-image-ad");
    expect(page.text()).toContain("细口手冲壶 600ml");
    expect(page.text()).not.toContain("云南小粒咖啡豆");
  });

  it("shows search results for `q`", async () => {
    const page = await openSamplePage("ecommerce", "category", { query: { q: encodeURIComponent("咖啡") } });
    expect(page.text()).toContain("“咖啡”的搜索结果");
    expect(page.root.querySelectorAll(".kd-category__item")).toHaveLength(4);
  });
});

describe("item", () => {
  it("picks the first SKU in stock, marks the sold-out one and adds to the cart", async () => {
    const page = await openSamplePage("ecommerce", "item", { query: { id: "mug" } });
    expect(page.text()).toContain("¥48");
    expect(page.text()).toContain("库存 12 件");
    expect(find(page, ".kd-sku-picker__value--disabled").textContent).toBe("墨绿");
    await tap(page, ".van-stepper__plus");
    await tap(page, ".kd-button", "加入购物车");
    expect(page.wx.storage.get("kd-cart")).toEqual([cartLine("mug", ["米白"], 2)]);
    expect(page.wx.calls).toContainEqual({ api: "showToast", options: { title: "已加入购物车", icon: "success" } });
    expect(page.text()).toContain("购物车（2）");
  });

  it("says so when the item is gone", async () => {
    const page = await openSamplePage("ecommerce", "item", { query: { id: "no-such-item" } });
    expect(page.text()).toContain("该商品已下架或不存在");
  });
});

describe("cart", () => {
  const storage = {
    "kd-cart": [
      cartLine("mug", ["米白"], 2),
      cartLine("yunnan-beans", ["中烘"], 1),
      cartLine("mug", ["墨绿"], 1),
      cartLine("removed-item", [], 1),
    ],
  };

  it("prices lines from the catalog and leaves out what cannot be bought", async () => {
    const page = await openSamplePage("ecommerce", "cart", { storage });
    expect(page.text()).not.toContain("removed-item");
    expect(page.text()).toContain("已售罄或规格已下架");
    expect(find(page, ".kd-bottom-bar").textContent).toContain("¥164");
    expect(find(page, ".kd-bottom-bar").textContent).toContain("去结算（3）");
  });

  it("changes quantities, removes lines and opens the checkout", async () => {
    const page = await openSamplePage("ecommerce", "cart", { storage });
    await tap(page, ".van-stepper__plus");
    expect(find(page, ".kd-bottom-bar").textContent).toContain("¥212");
    await tap(page, ".kd-cart__remove");
    expect(find(page, ".kd-bottom-bar").textContent).toContain("¥68");
    await tap(page, ".kd-button", "去结算");
    expect(page.wx.calls).toContainEqual({ api: "navigateTo", options: { url: "/pages/checkout/index" } });
  });

  it("invites to browse when empty", async () => {
    const page = await openSamplePage("ecommerce", "cart");
    expect(page.text()).toContain("购物车还是空的");
  });
});

describe("store and profile", () => {
  it("shows the store once, with a call and the map", async () => {
    const page = await openSamplePage("ecommerce", "store");
    expect(page.root.querySelectorAll(".kd-store-info")).toHaveLength(1);
    await tap(page, ".kd-button", "导航到店");
    expect(page.wx.calls).toContainEqual({
      api: "openLocation",
      options: { latitude: 25.0536, longitude: 102.7048, name: "山野咖啡", address: "云南省昆明市五华区文林街 18 号", scale: 16 },
    });
  });

  it("lists the member card and shortcuts to this store's pages only", async () => {
    const page = await openSamplePage("ecommerce", "profile");
    expect(page.text()).toContain("会员卡");
    expect(page.text()).toContain("我的购物车");
    expect(page.text()).not.toContain("预订客房");
    await fire(page, find(page, ".kd-profile__row", "门店信息"), "tap");
    expect(page.wx.calls).toContainEqual({ api: "navigateTo", options: expect.objectContaining({ url: "/pages/store/index" }) });
  });
});
