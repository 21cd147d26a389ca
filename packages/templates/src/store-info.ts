import { z } from "zod";
import { text, textarea } from "./fields";
import { t } from "./localized";

const locationSchema = z
  .object({
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
  })
  .nullable()
  .default(null)
  .meta({ label: t("地图位置", "Map location") });

/** The store's own details, shown by the store-info section and the store page. */
export const storeInfoSchema = z.object({
  name: text(t("店铺名称", "Store name"), { max: 30, min: 1, default: "我的小店" }),
  slogan: text(t("一句话介绍", "Tagline"), { max: 60, default: "" }),
  phone: z
    .string()
    .regex(/^[0-9+\- ]{0,20}$/, { error: "Use digits, spaces, + and - only (at most 20)" })
    .default("")
    .meta({ label: t("联系电话", "Phone"), widget: "text" }),
  address: textarea(t("地址", "Address"), { max: 120, default: "" }),
  hours: text(t("营业时间", "Opening hours"), { max: 60, default: "" }),
  location: locationSchema,
});
export type StoreInfo = z.infer<typeof storeInfoSchema>;
