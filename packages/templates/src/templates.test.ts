import { catalogSchema } from "@kaidian/catalog";
import { describe, expect, it } from "vitest";
import { configSchemaFor, describeChanges, readConfig, sampleAsset, sections, templateList, templates, type SectionType } from "./index";

describe.each(templateList)("template $id", (template) => {
  it("ships a sample config that validates and a catalog with at least six pictured items", () => {
    const config = readConfig(template, template.sample.config);
    expect(config).toMatchObject({ ok: true, migrations: [] });
    const catalog = catalogSchema.parse(template.sample.catalog);
    expect(catalog.items.length).toBeGreaterThanOrEqual(6);
    for (const item of catalog.items) {
      expect(item.kind).toBe(template.itemKind);
      expect(item.images.length).toBeGreaterThan(0);
      for (const image of item.images) expect(sampleAsset(image), image).toContain("<svg");
    }
  });

  it("lets tabs open only its own pages, and puts home first", () => {
    const pageIds = template.pages.map((page) => page.id);
    expect(pageIds[0]).toBe("home");
    for (const page of template.tabPages) expect(pageIds).toContain(page);
  });

  it("refuses a section the page does not allow, naming where", () => {
    const config = structuredClone(template.sample.config);
    config.pages.item = { title: "x", sections: [{ id: "b", type: "banner" }] };
    const result = readConfig(template, config);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ path: "pages.item.sections[0] (banner)" });
  });
});

describe("section limits", () => {
  it("refuses more sections of one type than a page holds", () => {
    const template = templates.ecommerce;
    const config = structuredClone(template.sample.config);
    config.pages.home!.sections.push({ id: "second-search", type: "search" });
    const result = readConfig(template, config);
    expect(result).toMatchObject({ ok: false, problems: [{ message: "A page holds at most 1 search section(s)" }] });
  });

  it("refuses a tab bar of one tab and of six", () => {
    const template = templates.ecommerce;
    const one = { ...template.sample.config, tabBar: [{ page: "home" as const, text: "首页" }] };
    expect(readConfig(template, one)).toMatchObject({ ok: false, problems: [{ path: "tabBar", message: "The tab bar needs 2 to 5 tabs" }] });
    const six = { ...template.sample.config, tabBar: Array.from({ length: 6 }, () => ({ page: "home" as const, text: "首页" })) };
    expect(readConfig(template, six).ok).toBe(false);
  });

  it("gives every section type usable defaults", () => {
    for (const type of Object.keys(sections) as SectionType[]) {
      expect(() => sections[type].settings.parse({}), type).not.toThrow();
    }
  });
});

describe("config migration", () => {
  it("migrates a version 1 config (one brand colour, sections without ids) to the current version", () => {
    const template = templates.restaurant;
    const current = template.sample.config;
    const version1 = {
      templateId: "restaurant",
      schemaVersion: 1,
      theme: { color: "#336699" },
      store: current.store,
      tabBar: current.tabBar,
      pages: {
        home: { title: "老街面馆", sections: [{ type: "notice", props: { text: "今日休息" } }, { type: "queue-ticket" }] },
        order: { title: "点餐", sections: [{ type: "menu", props: { takeaway: false } }] },
      },
    };
    const result = readConfig(template, version1);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.migrations).toHaveLength(1);
    expect(result.config.schemaVersion).toBe(configSchemaFor(template).parse(current).schemaVersion);
    expect(result.config.theme).toMatchObject({ primaryColor: "#336699", accentColor: "#336699" });
    expect(result.config.pages.home?.sections).toMatchObject([
      { id: "notice-1", type: "notice", settings: { text: "今日休息", scroll: true } },
      { id: "queue-ticket-2", type: "queue-ticket", settings: { title: "排队取号" } },
    ]);
    expect(result.config.pages.order?.sections[0]).toMatchObject({ type: "menu", settings: { dineIn: true, takeaway: false } });
  });

  it("refuses a config from a newer schema version instead of guessing", () => {
    expect(() => readConfig(templates.hotel, { ...templates.hotel.sample.config, schemaVersion: 99 })).toThrow(
      /version 99 is not one this build knows/,
    );
  });
});

describe("required sections", () => {
  it("refuses a restaurant order page without its menu, saying which page", () => {
    const template = templates.restaurant;
    const config = structuredClone(template.sample.config);
    config.pages.order!.sections = config.pages.order!.sections.filter((section) => section.type !== "menu");
    expect(readConfig(template, config)).toMatchObject({
      ok: false,
      problems: [{ path: "pages.order.sections", message: "This page must keep its menu section" }],
    });
  });
});

describe("describeChanges", () => {
  it("names what the merchant changed: store fields, theme, sections added, edited, removed and reordered", () => {
    const template = templates.ecommerce;
    const before = configSchemaFor(template).parse(template.sample.config);
    const after = structuredClone(before);
    after.store.name = "山野咖啡 二店";
    after.theme.primaryColor = "#123456";
    const home = after.pages.home!.sections;
    const [first, second] = [home[0]!, home[1]!];
    home[0] = second;
    home[1] = first;
    const notice = home.find((section) => section.type === "notice")!;
    if (notice.type === "notice") notice.settings.text = "今日上新";
    after.pages.home!.sections = home.filter((section) => section.type !== "rich-text");
    after.pages.home!.sections.push({ id: "ad", type: "image-ad", settings: { image: "/assets/samples/ad-1.svg", caption: "", link: { kind: "none" } } });

    expect(describeChanges(before, after)).toEqual([
      { code: "store", fields: ["name"] },
      { code: "theme", fields: ["primaryColor"] },
      { code: "sectionEdited", page: "home", section: "notice", type: "notice" },
      { code: "sectionAdded", page: "home", section: "ad", type: "image-ad" },
      { code: "sectionRemoved", page: "home", section: "story", type: "rich-text" },
      { code: "sectionsReordered", page: "home" },
    ]);
    expect(describeChanges(before, before)).toEqual([]);
  });
});

describe("sample pictures", () => {
  const refs = (value: unknown): string[] => JSON.stringify(value).match(/\/assets\/samples\/[a-z0-9-]+\.svg/g) ?? [];

  it.each(templateList)("of $id name no store, and banners carry no words to run into a slide's title", (template) => {
    const storeNames = templateList.map((other) => other.sample.config.store.name!);
    for (const ref of refs(template.sample)) {
      const svg = sampleAsset(ref)!;
      for (const name of storeNames) expect(svg, ref).not.toContain(name);
    }
    const banner = template.sample.config.pages.home!.sections.find((section) => section.type === "banner")!;
    for (const ref of refs(banner)) expect(sampleAsset(ref), ref).not.toContain("<text");
  });
});
