import { z } from "zod";
import { integer, itemPicker, select, text, toggle } from "../fields";
import { t } from "../localized";
import { defineSection } from "../section";

const MAX_ITEMS = 20;

export const itemGrid = defineSection({
  type: "item-grid",
  label: t("商品列表", "Product grid"),
  description: t("展示某一分类的商品，或挑选的几件商品", "Items from one category or the whole catalog, or items picked one by one"),
  limits: { maxPerPage: 6, maxItems: MAX_ITEMS },
  settings: z
    .object({
      title: text(t("标题", "Title"), { max: 20, default: "热卖推荐" }),
      layout: select(
        t("样式", "Layout"),
        ["grid", "list", "large"],
        { grid: t("两列", "Two columns"), list: t("列表", "List"), large: t("大图", "Large") },
        "grid",
      ),
      source: select(
        t("商品来源", "Items from"),
        ["category", "picked"],
        { category: t("按分类", "A category"), picked: t("挑选商品", "Items I pick") },
        "category",
      ),
      categoryId: z
        .string()
        .max(64)
        .default("")
        .meta({ label: t("商品分类（留空为全部）", "Category (empty for all)"), widget: "category" }),
      limit: integer(t("最多显示", "Show at most"), { min: 1, max: MAX_ITEMS, default: 6 }),
      itemIds: itemPicker(t("挑选的商品（按此顺序显示）", "Picked items (shown in this order)"), { max: MAX_ITEMS }),
      showPrice: toggle(t("显示价格", "Show price"), true),
    })
    .refine((grid) => grid.source !== "picked" || grid.itemIds.length > 0, {
      error: "Pick at least one item",
      path: ["itemIds"],
    }),
});
