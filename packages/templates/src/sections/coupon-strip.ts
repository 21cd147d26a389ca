import { priceFenSchema } from "@kaidian/catalog";
import { z } from "zod";
import { list, text } from "../fields";
import { t } from "../localized";
import { defineSection } from "../section";

const MAX_COUPONS = 6;

const coupon = z.object({
  name: text(t("名称", "Name"), { max: 12, min: 1, default: "新客券" }),
  amountFen: priceFenSchema.min(1).default(500).meta({ label: t("面额（分）", "Amount (fen)"), widget: "number" }),
  minSpendFen: priceFenSchema.default(0).meta({ label: t("满减门槛（分，0 为无门槛）", "Minimum spend (fen, 0 for none)"), widget: "number" }),
});

export const couponStrip = defineSection({
  type: "coupon-strip",
  label: t("优惠券", "Coupon strip"),
  description: t("横向排列的可领取优惠券", "A row of coupons shoppers can claim"),
  limits: { maxPerPage: 2, maxItems: MAX_COUPONS },
  settings: z.object({
    title: text(t("标题", "Title"), { max: 20, default: "领券更优惠" }),
    coupons: list(t("优惠券", "Coupons"), coupon, {
      min: 1,
      max: MAX_COUPONS,
      default: [
        { name: "新客券", amountFen: 500, minSpendFen: 0 },
        { name: "满减券", amountFen: 2000, minSpendFen: 9900 },
      ],
    }),
  }),
});
