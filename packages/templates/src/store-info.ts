import { z } from "zod";
import { text, textarea } from "./fields";
import { t } from "./localized";

// WeChat's map (wx.openLocation, the map component) takes GCJ-02, China's offset datum, not the GPS WGS-84 a phone
// reports raw: a WGS-84 point lands a few hundred metres off in mainland China.
const locationSchema = z
  .object({
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
  })
  .nullable()
  .default(null)
  .meta({
    label: t("地图位置", "Map location"),
    widget: "location",
    hint: t(
      "「导航到店」打开的位置。请填 GCJ-02 坐标（腾讯地图、高德地图所用；在腾讯位置服务的坐标拾取器中点选门店即可得到）。手机 GPS 给出的 WGS-84 坐标在国内会偏几百米。",
      "Where 导航到店 (directions) opens. Use GCJ-02 coordinates, as Tencent and Amap maps show them (Tencent's coordinate picker gives them); raw GPS (WGS-84) lands a few hundred metres off in mainland China.",
    ),
  });

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

/** The store-name rule, without the template's default: what sign-up and every rename are checked by. */
export const storeNameRule = storeInfoSchema.shape.name.unwrap();

/** Contact details still as the template's sample had them: the merchant has not given their own yet. */
export function sampleContact(store: Pick<StoreInfo, "phone" | "address">, sample: { phone?: string; address?: string }): boolean {
  const same = (mine: string, theirs: string | undefined) => mine.trim() !== "" && mine.trim() === (theirs ?? "").trim();
  return same(store.phone, sample.phone) || same(store.address, sample.address);
}
