// @vitest-environment jsdom
// Long lists on a shopper's phone, page by page from a real shop-api: a generated package in the page harness
// (miniprogram-simulate) over HTTP. A hotel's booking page lists every room type as the shopper scrolls; the "其他"
// shelf (items of no category the store lists) pages through `category=none` on the category screen and on the
// restaurant's menu. Each list ends with every item shown exactly once.
import { randomBytes } from "node:crypto";
import { tap } from "@kaidian/generator/testing/shopper";
import type { RenderedPage } from "@kaidian/generator/testing";
import { arrangeStore } from "@kaidian/storefront/testing";
import type { TemplateId } from "@kaidian/templates";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPhoneHarness, type PhoneHarness } from "./phone-harness";

/** More than two of the runtime's pages of 20, and more than the package bakes. */
const EXTRA = 45;
let harness: PhoneHarness;

beforeAll(async () => {
  harness = await startPhoneHarness();
}, 300_000);

afterAll(async () => {
  await harness?.close();
});

/**
 * A published store of the template's sample content plus EXTRA copies of the sample titled `sampleTitle`, named
 * `<prefix> 1..EXTRA`, in `categoryId` (null: no category); its package generated to call shop-api.
 */
async function storeWithCopies(templateId: TemplateId, sampleTitle: string, prefix: string, categoryId: "same" | null) {
  const tenantId = await arrangeStore(harness.db, { name: "长长的店", templateId, publish: true });
  // One statement for all the copies, as a CSV import writes them.
  const inserted = await harness.db.scoped({ tenantId }, (tx) => tx.$executeRaw`
    INSERT INTO catalog_items (tenant_id, kind, category_id, title, description, price_fen, images, details, position, visible, updated_at)
    SELECT tenant_id, kind, CASE WHEN ${categoryId === "same"} THEN category_id END, ${prefix} || ' ' || n, description, price_fen + n,
           images, details, 100 + n, true, now()
    FROM catalog_items, generate_series(1, ${EXTRA}::int) AS n WHERE tenant_id = ${tenantId}::uuid AND title = ${sampleTitle}`);
  expect(inserted).toBe(EXTRA);
  const appid = `wx${randomBytes(8).toString("hex")}`;
  harness.wechat.registerApp({ appid, secret: randomBytes(16).toString("hex"), pages: ["pages/home/index"] });
  const packageDir = await harness.generate({ tenantId, appid, slug: `long-${templateId}`, templateId });
  return { tenantId, phone: harness.phone(packageDir, appid) };
}

const texts = (page: RenderedPage, selector: string) => [...page.root.querySelectorAll(selector)].map((element) => element.textContent!.trim());
const itemRequests = (page: RenderedPage, tenantId: string) =>
  page.wx.requests.map((request) => request.url).filter((url) => url.includes(`/api/mp/v1/${tenantId}/items?`));
const numbered = (prefix: string) => Array.from({ length: EXTRA }, (_, n) => `${prefix} ${n + 1}`);

/** Calls `next` while `more()` says the list has more, as a shopper scrolling on; how many times it took. */
async function untilEnd(more: () => boolean, next: () => Promise<void>): Promise<number> {
  let steps = 0;
  while (more()) {
    await next();
    steps += 1;
    if (steps > 10) throw new Error("the list never ended");
  }
  return steps;
}

describe("a hotel with more room types than a page", () => {
  it("lists every room type on the booking page as the shopper scrolls, each once, and books one from a later page", async () => {
    const { tenantId, phone } = await storeWithCopies("hotel", "舒适大床房", "江景房", "same");
    const page = await phone.open("pages/booking/index");
    const rooms = () => texts(page, ".kd-booking__room > wx-text:first-child");
    // The first page of 20 replaced what the package knew; the rest are asked for.
    expect(rooms()).toHaveLength(20);
    expect(page.text()).toContain("查看更多房型");
    const scrolls = await untilEnd(() => !page.page.data.roomsDone, async () => {
      (page.page.onReachBottom as () => void)();
      await page.settle();
    });
    expect(scrolls).toBe(2);
    const shown = rooms();
    expect(shown).toHaveLength(6 + EXTRA);
    expect(new Set(shown).size).toBe(shown.length);
    expect(shown).toEqual(expect.arrayContaining([...numbered("江景房"), "舒适大床房", "行政湖景套房"]));
    expect(page.text()).not.toContain("查看更多房型");
    expect(itemRequests(page, tenantId)).toHaveLength(3);
    expect(itemRequests(page, tenantId).slice(1).every((url) => url.includes("cursor="))).toBe(true);

    // A room type from the last page is picked like any other: its nights are asked for.
    const last = shown.at(-1)!;
    await tap(page, ".kd-booking__room", last);
    expect(page.page.data.room).toMatchObject({ title: last });
    expect(page.wx.requests.some((request) => request.url.includes("/nights"))).toBe(true);
  }, 300_000);
});

describe("the 其他 shelf: items of no category the store lists", () => {
  it("pages through category=none on the category screen until every such item shows once", async () => {
    const { tenantId, phone } = await storeWithCopies("ecommerce", "挂耳咖啡 10 片装", "散装豆", null);
    const page = await phone.open("pages/category/index", { id: "none" });
    const shelves = page.page.data.shelves as { id: string; name: string }[];
    expect(shelves.at(-1)).toEqual({ id: "none", name: "其他" });
    expect(page.page.data.activeIndex).toBe(shelves.length - 1);
    const titles = () => texts(page, ".kd-category__item .kd-item-card__title");
    expect(titles()).toEqual(numbered("散装豆").slice(0, 20));
    await untilEnd(() => !page.page.data.done, async () => {
      (page.page.onReachBottom as () => void)();
      await page.settle();
    });
    expect(titles()).toEqual(numbered("散装豆"));
    // The first shelf's page went out before the intent chose 其他: then its first page and the two after it.
    expect(itemRequests(page, tenantId).filter((url) => url.includes("category=none"))).toHaveLength(3);
    expect(page.text()).not.toContain("上拉加载更多");
  }, 300_000);

  it("pages the restaurant menu's 其他 the same way, on 查看更多菜品", async () => {
    const { tenantId, phone } = await storeWithCopies("restaurant", "担担面", "小面", null);
    const page = await phone.open("pages/order/index");
    await tap(page, ".van-sidebar-item", "其他");
    const dishes = () => texts(page, ".kd-menu__name");
    expect(dishes()).toEqual(numbered("小面").slice(0, 20));
    await untilEnd(() => page.text().includes("查看更多菜品"), () => tap(page, ".kd-menu__retry", "查看更多菜品"));
    expect(dishes()).toEqual(numbered("小面"));
    expect(itemRequests(page, tenantId).filter((url) => url.includes("category=none"))).toHaveLength(3);
  }, 300_000);
});
