import { z } from "zod";
import { text } from "../fields";
import { t } from "../localized";
import { defineSection } from "../section";

export const search = defineSection({
  type: "search",
  label: t("搜索框", "Search bar"),
  description: t("搜索店内商品", "Search the store's catalog"),
  limits: { maxPerPage: 1 },
  settings: z.object({
    placeholder: text(t("提示文字", "Placeholder"), { max: 20, default: "搜索商品" }),
  }),
});
