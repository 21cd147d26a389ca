import { z } from "zod";
import { color, optionalImage, select } from "./fields";
import { t } from "./localized";

/** Brand tokens. The generator turns them into CSS variables in the package's theme.wxss. */
export const themeSchema = z.object({
  primaryColor: color(t("主色", "Primary colour"), "#e4393c"),
  accentColor: color(t("辅助色", "Accent colour"), "#ff9f1a"),
  backgroundColor: color(t("页面背景", "Page background"), "#f7f8fa"),
  textColor: color(t("文字颜色", "Text colour"), "#323233"),
  navigationBarText: select(
    t("导航栏文字", "Navigation bar text"),
    ["white", "black"],
    { white: t("白色", "White"), black: t("黑色", "Black") },
    "white",
  ),
  corners: select(
    t("圆角", "Corners"),
    ["square", "rounded", "round"],
    { square: t("直角", "Square"), rounded: t("小圆角", "Rounded"), round: t("大圆角", "Round") },
    "rounded",
  ),
  logo: optionalImage(t("店铺标志", "Logo")),
});
export type Theme = z.infer<typeof themeSchema>;
