import { z } from "zod";
import { toggle } from "../fields";
import { t } from "../localized";
import { defineSection } from "../section";

// Shows the store's own details (config `store`), so a merchant edits the address once, not per section.
export const storeInfo = defineSection({
  type: "store-info",
  label: t("门店信息", "Store info"),
  description: t("地址、营业时间、电话与地图导航", "Address, opening hours, phone and map"),
  limits: { maxPerPage: 1 },
  settings: z.object({
    showAddress: toggle(t("显示地址", "Show address"), true),
    showHours: toggle(t("显示营业时间", "Show opening hours"), true),
    showPhone: toggle(t("显示电话", "Show phone"), true),
    showMap: toggle(t("显示导航按钮", "Show map button"), true),
  }),
});
