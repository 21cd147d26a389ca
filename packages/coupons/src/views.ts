// Coupons as the phone shows them: the words ready in the shopper's language, amounts in fen, instants as ISO text.
import { type CouponOffer, type CouponTerms, discountText, type HeldCoupon, type Locale, couponUnusableMessage, thresholdText } from "./index";

export type CouponTermsView = {
  name: string;
  /** "¥5" / "8.5折". */
  discountText: string;
  /** "满50元可用" / "无门槛". */
  thresholdText: string;
  thresholdFen: number;
  /** "全场通用" or "指定商品可用". */
  scopeText: string;
};

export function termsView(terms: CouponTerms, locale: Locale): CouponTermsView {
  const zh = locale === "zh-CN";
  return {
    name: terms.name,
    discountText: discountText(terms.discount, locale),
    thresholdText: thresholdText(terms.thresholdFen, locale),
    thresholdFen: terms.thresholdFen,
    scopeText: terms.scope.kind === "all" ? (zh ? "全场通用" : "Storewide") : zh ? "指定商品可用" : "On selected goods",
  };
}

export type HeldCouponView = CouponTermsView & {
  id: string;
  validFrom: string;
  validUntil: string;
  status: "usable" | "used" | "expired";
};

export function heldCouponView(coupon: HeldCoupon, locale: Locale, at: Date = new Date()): HeldCouponView {
  return {
    id: coupon.id,
    ...termsView(coupon.terms, locale),
    validFrom: coupon.validFrom.toISOString(),
    validUntil: coupon.validUntil.toISOString(),
    status: coupon.used ? "used" : coupon.validUntil.getTime() <= at.getTime() ? "expired" : "usable",
  };
}

export type CouponOfferView = HeldCouponView & { usable: boolean; discountFen: number; message: string | null };

/** A coupon checkout offers: what it would take off this order, or why it cannot be used on it. */
export function offerView(offer: CouponOffer, locale: Locale, at: Date = new Date()): CouponOfferView {
  const { use } = offer;
  return {
    ...heldCouponView(offer.coupon, locale, at),
    usable: use.ok,
    discountFen: use.ok ? use.discountFen : 0,
    message: use.ok ? null : couponUnusableMessage(use, locale),
  };
}
