import { describe, expect, it } from "vitest";
import {
  addSection,
  addTab,
  addTabRefusal,
  configIssues,
  configSchemaFor,
  duplicateSection,
  EditRefusedError,
  isRequiredSection,
  moveSection,
  moveTab,
  partKey,
  removeSection,
  removeTab,
  sectionPalette,
  sections,
  setPageTitle,
  setTab,
  templates,
  updateSectionSettings,
  type StoreConfig,
  type TemplateDefinition,
} from "./index";

const sample = (template: TemplateDefinition): StoreConfig => configSchemaFor(template).parse(template.sample.config);
const ids = (config: StoreConfig, page: "home" | "order" | "cart") => config.pages[page]!.sections.map((section) => section.id);
const refusal = (edit: () => unknown) => {
  try {
    edit();
  } catch (error) {
    if (error instanceof EditRefusedError) return error.code;
    throw error;
  }
  return "accepted";
};

describe("editing a page's sections", () => {
  const { ecommerce, restaurant } = templates;

  it("adds a section with its defaults and a fresh id, where asked, and the result is a valid config", () => {
    const config = sample(ecommerce);
    const first = addSection(config, ecommerce, "home", "notice", 0);
    expect(first.sectionId).toBe("notice-2");
    expect(first.config.pages.home!.sections[0]).toEqual({ id: "notice-2", type: "notice", settings: sections.notice.settings.parse({}) });
    const second = addSection(first.config, ecommerce, "home", "image-ad");
    expect(ids(second.config, "home").at(-1)).toBe("image-ad");
    expect(configIssues(second.config, ecommerce)).toEqual([]);
    expect(ids(config, "home")).not.toContain("notice-2");
  });

  it("offers only the page's own section types and refuses one more than a page may hold", () => {
    const config = sample(ecommerce);
    expect(sectionPalette(config, ecommerce, "cart").map((entry) => entry.type)).toEqual(["notice", "coupon-strip"]);
    expect(refusal(() => addSection(config, ecommerce, "cart", "banner"))).toBe("notAllowed");
    expect(refusal(() => addSection(config, ecommerce, "item", "notice"))).toBe("notAllowed");
    // The home page already has one of the two banners it may hold.
    const two = addSection(config, ecommerce, "home", "banner").config;
    expect(sectionPalette(two, ecommerce, "home").find((entry) => entry.type === "banner")).toEqual({ type: "banner", refusal: "maxPerPage" });
    expect(refusal(() => addSection(two, ecommerce, "home", "banner"))).toBe("maxPerPage");
    expect(refusal(() => duplicateSection(two, ecommerce, "home", "banner"))).toBe("maxPerPage");
  });

  it("refuses a thirty-first section on a page before anything else", () => {
    const config = sample(ecommerce);
    const notices = Array.from({ length: 30 }, (_, n) => ({ id: `n${n}`, type: "notice" as const, settings: sections.notice.settings.parse({}) }));
    const full = { ...config, pages: { ...config.pages, home: { ...config.pages.home!, sections: notices } } };
    expect(sectionPalette(full, ecommerce, "home").every((entry) => entry.refusal === "pageFull")).toBe(true);
    expect(refusal(() => addSection(full, ecommerce, "home", "banner"))).toBe("pageFull");
  });

  it("duplicates a section with its settings right after it, without sharing them", () => {
    const config = sample(ecommerce);
    const copy = duplicateSection(config, ecommerce, "home", "banner");
    expect(ids(copy.config, "home").slice(0, 3)).toEqual(["search", "banner", "banner-2"]);
    const [original, duplicate] = copy.config.pages.home!.sections.slice(1, 3);
    expect(duplicate!.settings).toEqual(original!.settings);
    expect(duplicate!.settings).not.toBe(original!.settings);
  });

  it("moves sections and removes them, except the one section a page requires", () => {
    const config = sample(restaurant);
    const moved = moveSection(config, restaurant, "home", 0, 2);
    expect(ids(moved, "home").slice(0, 3)).toEqual([ids(config, "home")[1], ids(config, "home")[2], ids(config, "home")[0]]);
    expect(ids(moveSection(config, restaurant, "home", 1, 99), "home").at(-1)).toBe(ids(config, "home")[1]);

    const menuId = config.pages.order!.sections.find((section) => section.type === "menu")!.id;
    expect(isRequiredSection(config, restaurant, "order", menuId)).toBe(true);
    expect(refusal(() => removeSection(config, restaurant, "order", menuId))).toBe("required");
    const notice = config.pages.order!.sections.find((section) => section.type === "notice");
    if (notice) expect(ids(removeSection(config, restaurant, "order", notice.id), "order")).not.toContain(notice.id);
    expect(ids(removeSection(config, restaurant, "home", ids(config, "home")[0]!), "home")).toEqual(ids(config, "home").slice(1));
    expect(refusal(() => removeSection(config, restaurant, "home", "no-such-section"))).toBe("unknownSection");
  });

  it("takes settings and titles as typed, leaving the schema to locate what is wrong", () => {
    const config = sample(ecommerce);
    const long = updateSectionSettings(config, ecommerce, "home", "notice", { ...config.pages.home!.sections[2]!.settings, text: "公告".repeat(80) });
    const untitled = setPageTitle(long, ecommerce, "cart", "");
    const issues = configIssues(untitled, ecommerce).map(({ part, field, issue }) => [partKey(part), field, issue.code]);
    expect(issues).toEqual([
      ["section:home:notice", "text", "too_big"],
      ["page:cart", "title", "too_small"],
    ]);
  });
});

describe("locating a config's problems in the editor", () => {
  it("names the section by its id, the field inside its settings and entries of its lists", () => {
    const { ecommerce } = templates;
    const config = sample(ecommerce);
    const banner = config.pages.home!.sections[1]!;
    const slides = [{ image: "", title: "", link: { kind: "none" } }];
    const edited = updateSectionSettings(config, ecommerce, "home", banner.id, { ...banner.settings, slides });
    const withBadTab = { ...edited, tabBar: [{ page: "home" as const, text: "" }, ...edited.tabBar.slice(1)], theme: { ...edited.theme, primaryColor: "red" } };
    const issues = configIssues(withBadTab, ecommerce);
    expect(issues.map(({ part, field }) => [part, field])).toEqual([
      [{ kind: "theme" }, "primaryColor"],
      [{ kind: "tabBar" }, "0.text"],
      [{ kind: "section", page: "home", sectionId: "banner" }, "slides.0.image"],
    ]);
  });

  it("puts a missing required section on its page as a whole", () => {
    const { restaurant } = templates;
    const config = sample(restaurant);
    const withoutMenu = { ...config, pages: { ...config.pages, order: { ...config.pages.order!, sections: [] } } };
    expect(configIssues(withoutMenu, restaurant).map(({ part, field }) => [partKey(part), field])).toEqual([["page:order", "sections"]]);
  });

  it("asks for at least one item when a product grid shows picked items", () => {
    const { ecommerce } = templates;
    const config = sample(ecommerce);
    const grid = config.pages.home!.sections.find((section) => section.type === "item-grid")!;
    const picked = updateSectionSettings(config, ecommerce, "home", grid.id, { ...grid.settings, source: "picked", itemIds: [] });
    expect(configIssues(picked, ecommerce).map(({ part, field }) => [partKey(part), field])).toEqual([[`section:home:${grid.id}`, "itemIds"]]);
    const chosen = updateSectionSettings(config, ecommerce, "home", grid.id, { ...grid.settings, source: "picked", itemIds: ["mug", "tote"] });
    expect(configIssues(chosen, ecommerce)).toEqual([]);
  });
});

describe("editing the tab bar", () => {
  const { hotel, restaurant } = templates;

  it("adds the template's free tab pages up to five, then refuses", () => {
    let config = sample(hotel);
    expect(config.tabBar.map((tab) => tab.page)).toEqual(["home", "booking", "profile"]);
    config = addTab(config, hotel);
    expect(config.tabBar.at(-1)).toEqual({ page: "category", text: "分类" });
    config = addTab(config, hotel);
    expect(config.tabBar).toHaveLength(5);
    expect(addTabRefusal(config, hotel)).toBe("tabBarFull");
    expect(refusal(() => addTab(config, hotel))).toBe("tabBarFull");
    expect(configIssues(config, hotel)).toEqual([]);
  });

  it("keeps at least two tabs, each opening a different tab page of the template", () => {
    let config = sample(restaurant);
    while (config.tabBar.length > 2) config = removeTab(config, config.tabBar.length - 1);
    expect(refusal(() => removeTab(config, 0))).toBe("tabBarMinimum");
    expect(refusal(() => setTab(config, restaurant, 1, { page: "booking", text: "预订" }))).toBe("notTabPage");
    expect(refusal(() => setTab(config, restaurant, 1, { page: config.tabBar[0]!.page, text: "又一个" }))).toBe("tabTaken");
    const renamed = setTab(config, restaurant, 1, { page: "store", text: "门店" });
    expect(renamed.tabBar[1]).toEqual({ page: "store", text: "门店" });
    expect(moveTab(renamed, 1, 0).tabBar.map((tab) => tab.page)).toEqual(["store", config.tabBar[0]!.page]);
  });
});
