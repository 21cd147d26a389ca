import { describe, expect, it } from "vitest";
import { formFields, sections, storeInfoSchema } from "./index";

describe("formFields", () => {
  it("reads labels, widgets, limits and defaults from the store info schema", () => {
    const fields = formFields(storeInfoSchema);
    expect(fields.map((field) => field.name)).toEqual(["name", "slogan", "phone", "address", "hours", "location"]);
    // The map location explains the coordinate system WeChat's map takes.
    expect(fields.at(-1)).toMatchObject({ widget: "location", hint: { "zh-CN": expect.stringContaining("GCJ-02") } });
    expect(fields[0]).toEqual({ name: "name", widget: "text", label: { "zh-CN": "店铺名称", en: "Store name" }, default: "我的小店", min: 1, max: 30 });
    expect(fields.find((field) => field.name === "address")).toMatchObject({ widget: "textarea", max: 120 });
  });

  it("describes selects with their labelled options and lists with their entry fields and item limit", () => {
    const banner = formFields(sections.banner.settings);
    expect(banner.find((field) => field.name === "height")).toMatchObject({
      widget: "select",
      default: "medium",
      options: [
        { value: "small", label: { "zh-CN": "矮", en: "Short" } },
        { value: "medium", label: { "zh-CN": "中", en: "Medium" } },
        { value: "large", label: { "zh-CN": "高", en: "Tall" } },
      ],
    });
    const slides = banner.find((field) => field.name === "slides")!;
    expect(slides).toMatchObject({ widget: "list", min: 1, max: sections.banner.limits.maxItems });
    expect(slides.entry?.map((field) => [field.name, field.widget])).toEqual([["image", "image"], ["title", "text"], ["link", "link"]]);
    const benefits = formFields(sections["member-card"].settings).find((field) => field.name === "benefits")!;
    expect(benefits.entry).toEqual([expect.objectContaining({ name: "value", widget: "text", max: 30 })]);
  });

  it("describes the product grid's item picker with its limit, next to the source that turns it on", () => {
    const grid = formFields(sections["item-grid"].settings);
    expect(grid.map((field) => field.name)).toEqual(["title", "layout", "source", "categoryId", "limit", "itemIds", "showPrice"]);
    expect(grid.find((field) => field.name === "itemIds")).toEqual({
      name: "itemIds",
      widget: "items",
      label: { "zh-CN": "挑选的商品（按此顺序显示）", en: "Picked items (shown in this order)" },
      default: [],
      max: sections["item-grid"].limits.maxItems,
    });
  });

  it("gives every field of every section a label in both languages", () => {
    for (const section of Object.values(sections)) {
      for (const field of formFields(section.settings)) {
        expect(field.label["zh-CN"], `${section.type}.${field.name}`).not.toBe("");
        expect(field.label.en, `${section.type}.${field.name}`).not.toBe("");
      }
    }
  });
});
