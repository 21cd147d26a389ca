// @vitest-environment jsdom
// The product grid: items of a category up to its limit, or the items the merchant picked, in the order picked.
import { sampleSnapshot, type SectionInstance } from "@kaidian/templates";
import { expect, it } from "vitest";
import { openSamplePage } from "./sample-page";

function homeWithGrid(settings: Record<string, unknown>) {
  const snapshot = sampleSnapshot("ecommerce");
  const grid = { id: "picks", type: "item-grid", settings: { title: "店长推荐", layout: "list", limit: 6, showPrice: true, categoryId: "", ...settings } };
  snapshot.site.config.pages.home!.sections = [grid as SectionInstance];
  return snapshot;
}

const titles = (text: string, wanted: string[]) => wanted.filter((title) => text.includes(title)).sort((a, b) => text.indexOf(a) - text.indexOf(b));

it("shows picked items in the order picked, leaving out one no longer in the catalog", async () => {
  const snapshot = homeWithGrid({ source: "picked", itemIds: ["tote", "gone-item", "yunnan-beans", "mug"] });
  const page = await openSamplePage("ecommerce", "home", { snapshot });
  const all = snapshot.catalog.items.map((item) => item.title);
  expect(titles(page.text(), all)).toEqual(["帆布袋", "云南小粒咖啡豆 250g", "陶瓷马克杯"]);
  expect(page.root.querySelectorAll(".kd-item-card")).toHaveLength(3);
});

it("shows a category's items up to the limit when the source is a category", async () => {
  const snapshot = homeWithGrid({ source: "category", categoryId: "goods", limit: 2, itemIds: ["kettle"] });
  const page = await openSamplePage("ecommerce", "home", { snapshot });
  expect(titles(page.text(), snapshot.catalog.items.map((item) => item.title))).toEqual(["陶瓷马克杯", "帆布袋"]);
});
