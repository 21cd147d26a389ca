import { z } from "zod";
import { integer, select, text } from "../fields";
import { t } from "../localized";
import { defineSection } from "../section";

const MAX_CATEGORIES = 20;

export const categoryGrid = defineSection({
  type: "category-grid",
  label: t("分类导航", "Category grid"),
  description: t("以宫格展示商品分类，点击进入分类页", "Catalog categories as a grid of shortcuts"),
  limits: { maxPerPage: 1, maxItems: MAX_CATEGORIES },
  settings: z.object({
    title: text(t("标题", "Title"), { max: 20, default: "" }),
    columns: select(
      t("每行个数", "Per row"),
      ["3", "4", "5"],
      { "3": t("3 个", "3"), "4": t("4 个", "4"), "5": t("5 个", "5") },
      "4",
    ),
    limit: integer(t("最多显示", "Show at most"), { min: 1, max: MAX_CATEGORIES, default: 8 }),
  }),
});
