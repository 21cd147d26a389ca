import { configSchemaFor, templates, type StoreConfig } from "@kaidian/templates";
import { describe, expect, it } from "vitest";
import { dictionary } from "@/i18n";
import { saveRefusal } from "./issue-place";

describe("a save the server refuses", () => {
  const { restaurant } = templates;
  const config: StoreConfig = configSchemaFor(restaurant).parse(restaurant.sample.config);

  it("names the field at fault and why, in both languages", () => {
    const sent = { ...config, store: { ...config.store, name: "老街\n面馆" } };
    expect(saveRefusal(sent, restaurant, dictionary("zh-CN"), "zh-CN")).toBe("未保存：店铺信息 · 店铺名称：只能填一行。");
    expect(saveRefusal(sent, restaurant, dictionary("en"), "en")).toMatch(/^Not saved: Store info · Store name: /);
  });

  it("names a section's field by its page and section", () => {
    const home = config.pages.home!;
    const sections = home.sections.map((section) => (section.type === "notice" ? { ...section, settings: { ...section.settings, text: "a\u0000b" } } : section));
    const sent = { ...config, pages: { ...config.pages, home: { ...home, sections } } };
    expect(saveRefusal(sent, restaurant, dictionary("zh-CN"), "zh-CN")).toBe("未保存：首页 · 「公告栏」 · 公告内容：含有看不见的控制字符，请删除。");
  });

  it("falls back to the general message for something that is not a config at all", () => {
    expect(saveRefusal("nonsense", restaurant, dictionary("zh-CN"), "zh-CN")).toBe(dictionary("zh-CN").design.cannotSave);
  });
});
