import { describe, expect, it } from "vitest";
import { dictionary } from "@/i18n";
import { changeText } from "./change-text";

describe("a version's changes in the merchant's words", () => {
  it("names fields, pages and sections by the templates' own labels, in each language", () => {
    const zh = dictionary("zh-CN");
    const en = dictionary("en");
    expect(changeText({ code: "store", fields: ["name", "phone"] }, zh, "zh-CN")).toBe("店铺信息：店铺名称、联系电话");
    expect(changeText({ code: "theme", fields: ["primaryColor"] }, en, "en")).toBe("Theme: Primary colour");
    expect(changeText({ code: "sectionAdded", page: "home", section: "ad", type: "image-ad" }, zh, "zh-CN")).toBe("首页：新增「图片广告」");
    expect(changeText({ code: "sectionsReordered", page: "order" }, en, "en")).toBe("Order: sections reordered");
  });
});
