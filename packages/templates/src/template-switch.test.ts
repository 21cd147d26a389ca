import { describe, expect, it } from "vitest";
import { templates } from "./catalogue";
import { readConfig } from "./read-config";
import { planTemplateSwitch } from "./template-switch";
import type { StoreConfig } from "./config";

function sample(id: keyof typeof templates): StoreConfig {
  const read = readConfig(templates[id], templates[id].sample.config);
  if (!read.ok) throw new Error("sample invalid");
  return read.config;
}

describe("switching a store's template", () => {
  it("keeps the store info, theme and every section the new template allows, with its settings", () => {
    const shop = sample("ecommerce");
    shop.store.name = "山野咖啡";
    shop.theme.primaryColor = "#123456";
    const notice = shop.pages.home!.sections.find((section) => section.type === "notice")!;
    (notice.settings as { text: string }).text = "周末全场八折";

    const plan = planTemplateSwitch(shop, templates.restaurant);

    expect(plan.config.templateId).toBe("restaurant");
    expect(plan.config.store.name).toBe("山野咖啡");
    expect(plan.config.theme.primaryColor).toBe("#123456");
    const carried = plan.config.pages.home!.sections.find((section) => section.id === notice.id);
    expect(carried?.settings).toEqual(notice.settings);
    expect(plan.kept).toContainEqual({ page: "home", type: "notice", id: notice.id });
    expect(readConfig(templates.restaurant, plan.config).ok).toBe(true);
  });

  it("lists the sections the new template has no place for and adds the pages and required sections it needs", () => {
    const plan = planTemplateSwitch(sample("ecommerce"), templates.restaurant);

    // The e-commerce cart page does not exist in a restaurant Mini Program.
    expect(plan.dropped.some((section) => section.page === "cart" || section.type === "item-grid")).toBe(true);
    // The restaurant order page cannot do without its menu, which no e-commerce page has.
    expect(plan.config.pages.order!.sections.map((section) => section.type)).toContain("menu");
    expect(plan.added).toContainEqual(expect.objectContaining({ page: "order", type: "menu" }));
    for (const ref of [...plan.kept, ...plan.added]) {
      expect(plan.config.pages[ref.page]!.sections.some((section) => section.id === ref.id)).toBe(true);
    }
    for (const ref of plan.dropped) {
      expect(plan.config.pages[ref.page]?.sections.some((section) => section.id === ref.id && section.type === ref.type) ?? false).toBe(false);
    }
  });

  it("keeps the tabs the new template allows and falls back to its own tab bar below two", () => {
    const shop = sample("ecommerce");
    const plan = planTemplateSwitch(shop, templates.hotel);
    expect(plan.config.tabBar.length).toBeGreaterThanOrEqual(2);
    for (const tab of plan.config.tabBar) expect(templates.hotel.tabPages).toContain(tab.page);
    const lost = shop.tabBar.map((tab) => tab.page).filter((page) => !templates.hotel.tabPages.includes(page));
    expect(plan.droppedTabs).toEqual(lost);
  });

  it("points links to pages the new template lacks nowhere, and counts them", () => {
    const shop = sample("hotel");
    const home = shop.pages.home!;
    home.sections = [
      ...home.sections,
      { id: "ad-to-booking", type: "image-ad", settings: { image: "/assets/samples/lake-banner.svg", link: { kind: "page", page: "booking" } } },
    ] as typeof home.sections;
    const hotel = readConfig(templates.hotel, shop);
    expect(hotel.ok).toBe(true);

    const plan = planTemplateSwitch(hotel.ok ? hotel.config : shop, templates.ecommerce);
    const ad = plan.config.pages.home!.sections.find((section) => section.id === "ad-to-booking");
    expect(ad?.settings).toMatchObject({ link: { kind: "none" } });
    expect(plan.unlinked).toBeGreaterThanOrEqual(1);
  });

  it("gives sections taken from the sample ids no kept section uses", () => {
    for (const from of ["ecommerce", "hotel", "restaurant"] as const) {
      for (const to of ["ecommerce", "hotel", "restaurant"] as const) {
        const plan = planTemplateSwitch(sample(from), templates[to]);
        expect(readConfig(templates[to], plan.config).ok, `${from} -> ${to}`).toBe(true);
      }
    }
  });
});
