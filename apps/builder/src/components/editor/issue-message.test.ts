import { configIssues, configSchemaFor, templates, updateSectionSettings, type StoreConfig } from "@kaidian/templates";
import { describe, expect, it } from "vitest";
import { dictionary } from "@/i18n";
import { fieldErrors, issueMessage } from "./issue-message";

const zh = dictionary("zh-CN");
const en = dictionary("en");

describe("a config's problems at the fields of the editor's forms", () => {
  const { ecommerce, restaurant } = templates;
  const config: StoreConfig = configSchemaFor(ecommerce).parse(ecommerce.sample.config);

  it("puts each section setting's message at its field, list entries included, in the merchant's words", () => {
    const banner = config.pages.home!.sections.find((section) => section.type === "banner")!;
    const edited = updateSectionSettings(config, ecommerce, "home", banner.id, {
      ...banner.settings,
      intervalSeconds: 30,
      slides: [{ image: "/assets/samples/banner-1.svg", title: "一二三四五六七八九十一二三四五六七八九十多", link: { kind: "none" } }],
    });
    const issues = configIssues(edited, ecommerce);
    expect(fieldErrors(issues, zh, "zh-CN")).toEqual({ "slides.0.title": "最多 20 个字。", intervalSeconds: "不能大于 10。" });
    expect(fieldErrors(issues, en, "en")).toEqual({ "slides.0.title": "At most 20 characters.", intervalSeconds: "10 or less." });
  });

  it("words the schema's own rules: colours, picked items, a page's required section and the tab count", () => {
    const grid = config.pages.home!.sections.find((section) => section.type === "item-grid")!;
    const picked = updateSectionSettings(config, ecommerce, "home", grid.id, { ...grid.settings, source: "picked", itemIds: [] });
    const broken = { ...picked, theme: { ...picked.theme, accentColor: "orange" }, tabBar: picked.tabBar.slice(0, 1) };
    const messages = configIssues(broken, ecommerce).map((issue) => issueMessage(issue, zh, "zh-CN"));
    expect(messages).toEqual(["填 #RRGGBB 格式的颜色，如 #1a2b3c。", "底部导航需要 2 到 5 个。", "至少挑选一件商品。"]);

    const sample = configSchemaFor(restaurant).parse(restaurant.sample.config);
    const noMenu = { ...sample, pages: { ...sample.pages, order: { ...sample.pages.order!, sections: [] } } };
    expect(configIssues(noMenu, restaurant).map((issue) => issueMessage(issue, zh, "zh-CN"))).toEqual(["本页必须保留「点餐菜单」。"]);
  });
});
