import { z } from "zod";
import { integer, select, text, toggle } from "../fields";
import { t } from "../localized";
import { defineSection } from "../section";

const MAX_ITEMS = 20;

export const itemGrid = defineSection({
  type: "item-grid",
  label: t("商品列表", "Product grid"),
  description: t("展示全部或某一分类的商品", "Items from the whole catalog or one category"),
  limits: { maxPerPage: 6, maxItems: MAX_ITEMS },
  settings: z.object({
    title: text(t("标题", "Title"), { max: 20, default: "热卖推荐" }),
    layout: select(
      t("样式", "Layout"),
      ["grid", "list", "large"],
      { grid: t("两列", "Two columns"), list: t("列表", "List"), large: t("大图", "Large") },
      "grid",
    ),
    categoryId: z
      .string()
      .max(64)
      .default("")
      .meta({ label: t("商品分类（留空为全部）", "Category (empty for all)"), widget: "category" }),
    limit: integer(t("最多显示", "Show at most"), { min: 1, max: MAX_ITEMS, default: 6 }),
    showPrice: toggle(t("显示价格", "Show price"), true),
  }),
});
