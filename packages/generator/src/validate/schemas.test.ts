import { afterAll, describe, expect, it } from "vitest";
import { appJson, removePackages, writePackage } from "./fixtures/mini-program";
import { validateSchemas } from "./schemas";

afterAll(removePackages);

const json = (value: unknown) => JSON.stringify(value);

describe("validateSchemas", () => {
  it("finds nothing wrong with a valid app", async () => {
    expect(await validateSchemas(await writePackage())).toEqual([]);
  });

  it.each([
    [
      "invalid JSON, with where it breaks",
      { "pages/me/index.json": '{\n  "navigationBarTitleText": "Me",\n}\n' },
      {
        file: "pages/me/index.json",
        rule: "json.syntax",
        message: "pages/me/index.json is not valid JSON: Expected double-quoted property name in JSON at position 36 (line 3, column 1)",
      },
    ],
    [
      "a broken ext.json, which the compile never reads",
      { "ext.json": '{"extEnable": false' },
      { file: "ext.json", rule: "json.syntax", message: expect.stringMatching(/^ext\.json is not valid JSON: /) },
    ],
    ["a missing app.json", { "app.json": null }, { file: "app.json", rule: "json.missing", message: "app.json is missing" }],
    [
      "a wrongly typed app.json field",
      { "app.json": appJson({ window: { navigationBarTitleText: 5 } }) },
      { file: "app.json", rule: "schema.app", message: "app.json: window.navigationBarTitleText must be of type string" },
    ],
    [
      "a wrongly typed project.config.json setting",
      { "project.config.json": json({ appid: "wx1", setting: { es6: "yes" } }) },
      { file: "project.config.json", rule: "schema.projectconfig", message: "project.config.json: setting.es6 must be of type boolean" },
    ],
    [
      "an ext.json without extAppid",
      { "ext.json": json({ extEnable: true }) },
      { file: "ext.json", rule: "schema.ext", message: "ext.json: extAppid is required" },
    ],
    [
      "an unknown sitemap action",
      { "sitemap.json": json({ rules: [{ action: "maybe", page: "*" }] }) },
      { file: "sitemap.json", rule: "schema.sitemap", message: 'sitemap.json: rules[0].action must be one of "allow", "disallow"' },
    ],
    [
      "a sitemapLocation that names no file",
      { "app.json": appJson({ sitemapLocation: "seo/sitemap.json" }) },
      { file: "seo/sitemap.json", rule: "json.missing", message: "seo/sitemap.json is missing" },
    ],
    [
      "a page JSON field of the wrong type",
      { "pages/me/index.json": json({ enablePullDownRefresh: "yes" }) },
      { file: "pages/me/index.json", rule: "schema.page", message: "pages/me/index.json: enablePullDownRefresh must be of type boolean" },
    ],
    [
      "a component JSON field of the wrong type",
      { "components/card/index.json": json({ component: true, usingComponents: { badge: 1 } }) },
      { file: "components/card/index.json", rule: "schema.component", message: "components/card/index.json: usingComponents.badge must be of type string" },
    ],
  ])("reports %s", async (_, changes, expected) => {
    expect(await validateSchemas(await writePackage(changes))).toEqual([expected]);
  });

  it("follows components into subpackages, relative paths and miniprogram_npm", async () => {
    const dir = await writePackage({
      "app.json": appJson({ subPackages: [{ root: "shop/", pages: ["detail/index"] }] }),
      "shop/detail/index.json": json({ usingComponents: { gallery: "../widgets/gallery" } }),
      "shop/widgets/gallery/index.json": json({ component: true, usingComponents: { stars: "fake-ui/stars/index" } }),
      "shop/widgets/gallery/index.wxml": "<view/>",
      "miniprogram_npm/fake-ui/stars/index.json": json({ component: "yes" }),
      "miniprogram_npm/fake-ui/stars/index.wxml": "<view/>",
    });
    expect(await validateSchemas(dir)).toEqual([
      {
        file: "miniprogram_npm/fake-ui/stars/index.json",
        rule: "schema.component",
        message: "miniprogram_npm/fake-ui/stars/index.json: component must be of type boolean",
      },
    ]);
  });
});
