import { z } from "zod";
import { text } from "../fields";
import { t } from "../localized";
import { defineSection } from "../section";

/** The most live coupons one strip shows; shop-api lists the store's claimable coupons newest first. */
const MAX_COUPONS = 6;

// The strip shows the store's live coupons (营销 › 优惠券) from shop-api, claimed on the server; the merchant sets only
// its title. Stores saved hand-typed coupons here before: z.object drops that old `coupons` key, so those settings
// stay valid and simply no longer say what the strip shows.
export const couponStrip = defineSection({
  type: "coupon-strip",
  label: t("优惠券", "Coupon strip"),
  description: t("本店正在发放的优惠券，顾客点击领取（在「营销」中创建）", "The store's live coupons for shoppers to claim (created under Marketing)"),
  limits: { maxPerPage: 2, maxItems: MAX_COUPONS },
  settings: z.object({
    title: text(t("标题", "Title"), { max: 20, default: "领券更优惠" }),
  }),
});
