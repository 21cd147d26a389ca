import { z } from "zod";
import { select, text, toggle } from "../fields";
import { t } from "../localized";
import { defineSection } from "../section";

export const menu = defineSection({
  type: "menu",
  label: t("点餐菜单", "Menu"),
  description: t("按分类点菜，支持堂食与外带", "Dishes by category, for dine-in or takeaway"),
  limits: { maxPerPage: 1 },
  settings: z
    .object({
      title: text(t("标题", "Title"), { max: 20, default: "点餐" }),
      dineIn: toggle(t("堂食", "Dine-in"), true),
      takeaway: toggle(t("外带", "Takeaway"), true),
      defaultMode: select(
        t("默认方式", "Default mode"),
        ["dineIn", "takeaway"],
        { dineIn: t("堂食", "Dine-in"), takeaway: t("外带", "Takeaway") },
        "dineIn",
      ),
    })
    .refine((menu) => menu.dineIn || menu.takeaway, {
      error: "Offer dine-in, takeaway or both",
      path: ["dineIn"],
    })
    .refine((menu) => menu[menu.defaultMode], {
      error: "The default mode must be one the menu offers",
      path: ["defaultMode"],
    }),
});
