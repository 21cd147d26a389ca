// Coupons (优惠券) as a domain, browser-safe: the merchant's coupon (one schema for the dashboard's form, its
// validation and the API), what a held coupon takes off an order, and which one is best. Amounts are integer fen.
// The counters (how many are left, how many one shopper may hold) are the database's: see ./server/claims.ts.
import { lineText } from "@kaidian/catalog";
import { z } from "zod";

export type Locale = "zh-CN" | "en";

export const MAX_COUPON_FEN = 1_000_000;
export const MAX_COUPON_QUANTITY = 1_000_000;
export const MAX_PER_SHOPPER = 100;
export const MAX_VALID_DAYS = 365;
/** Chosen categories and items together: enough for a promotion, small enough for a phone to show. */
export const MAX_SCOPE_ENTRIES = 100;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const daySchema = z.string().regex(DAY, { error: "coupons.form.date" });
const fen = (max: number, error: string) => z.int({ error }).min(0, { error }).max(max, { error });

export const couponDiscountSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("amount"), amountFen: fen(MAX_COUPON_FEN, "coupons.form.amount").min(1, { error: "coupons.form.amount" }) }),
  /** 15 means 15% off (八五折). */
  z.object({ kind: z.literal("percent"), percentOff: z.int({ error: "coupons.form.percent" }).min(1, { error: "coupons.form.percent" }).max(99, { error: "coupons.form.percent" }) }),
]);
export type CouponDiscount = z.infer<typeof couponDiscountSchema>;

export const couponValiditySchema = z.discriminatedUnion("kind", [
  /** From the first day to the last, both whole days in Asia/Shanghai. */
  z.object({ kind: z.literal("dates"), from: daySchema, until: daySchema }).refine((dates) => dates.from <= dates.until, { error: "coupons.form.dates", path: ["until"] }),
  z.object({ kind: z.literal("days"), days: z.int({ error: "coupons.form.days" }).min(1, { error: "coupons.form.days" }).max(MAX_VALID_DAYS, { error: "coupons.form.days" }) }),
]);
export type CouponValidity = z.infer<typeof couponValiditySchema>;

export const couponScopeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("all") }),
  z
    .object({ kind: z.literal("chosen"), categoryIds: z.array(z.uuid()).default([]), itemIds: z.array(z.uuid()).default([]) })
    .refine((scope) => scope.categoryIds.length + scope.itemIds.length > 0, { error: "coupons.form.scopeEmpty", path: ["itemIds"] })
    .refine((scope) => scope.categoryIds.length + scope.itemIds.length <= MAX_SCOPE_ENTRIES, { error: "coupons.form.scopeTooMany", path: ["itemIds"] }),
]);
export type CouponScope = z.infer<typeof couponScopeSchema>;

/** The merchant's coupon: the dashboard's form, its validation, and what the API takes. */
export const couponInputSchema = z
  .object({
    name: lineText(20).min(1, { error: "coupons.form.name" }),
    discount: couponDiscountSchema,
    /** The goods it applies to must come to at least this (满 X 可用); 0: no threshold. */
    thresholdFen: fen(MAX_COUPON_FEN * 10, "coupons.form.threshold").default(0),
    validity: couponValiditySchema,
    totalQuantity: z.int({ error: "coupons.form.quantity" }).min(1, { error: "coupons.form.quantity" }).max(MAX_COUPON_QUANTITY, { error: "coupons.form.quantity" }),
    perShopperLimit: z.int({ error: "coupons.form.limit" }).min(1, { error: "coupons.form.limit" }).max(MAX_PER_SHOPPER, { error: "coupons.form.limit" }).default(1),
    scope: couponScopeSchema,
  })
  // An amount off bigger than the threshold would make a "满 50 减 80" the merchant surely did not mean.
  .refine((coupon) => coupon.discount.kind !== "amount" || coupon.thresholdFen === 0 || coupon.discount.amountFen <= coupon.thresholdFen, {
    error: "coupons.form.amountOverThreshold",
    path: ["discount", "amountFen"],
  });
export type CouponInput = z.infer<typeof couponInputSchema>;
export type CouponInputDraft = z.input<typeof couponInputSchema>;

/** A coupon's terms as shoppers hold them. */
export type CouponTerms = Pick<CouponInput, "name" | "discount" | "thresholdFen" | "scope">;

/** Shanghai has no daylight saving: its days start at 16:00 UTC the day before. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** When a dated coupon starts and ends: the start of its first day and of the day after its last, in Asia/Shanghai. */
export function datesWindow(validity: { from: string; until: string }): { from: Date; until: Date } {
  const start = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
  return { from: start(validity.from), until: new Date(start(validity.until).getTime() + 86_400_000) };
}

/** The day in Asia/Shanghai of an instant, as YYYY-MM-DD (how the dashboard shows a window's ends). */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** When a coupon claimed at `at` can be used. */
export function heldWindow(validity: CouponValidity, at: Date): { from: Date; until: Date } {
  return validity.kind === "dates" ? datesWindow(validity) : { from: at, until: new Date(at.getTime() + validity.days * 86_400_000) };
}

/** A line of the order as a coupon sees it: what it is (item, category) and what it costs. */
export type DiscountableLine = { itemId: string; categoryId: string | null; lineTotalFen: number };

/** A coupon the shopper holds, as checkout weighs it. */
export type HeldCoupon = { id: string; terms: CouponTerms; validFrom: Date; validUntil: Date; used: boolean };

export type CouponUnusable = "used" | "expired" | "notStarted" | "threshold" | "outOfScope" | "notHeld";

export type CouponUse = { ok: true; discountFen: number } | { ok: false; reason: CouponUnusable; thresholdFen?: number; eligibleFen?: number };

export function inScope(scope: CouponScope, line: Pick<DiscountableLine, "itemId" | "categoryId">): boolean {
  if (scope.kind === "all") return true;
  return scope.itemIds.includes(line.itemId) || (line.categoryId !== null && scope.categoryIds.includes(line.categoryId));
}

/**
 * What `coupon` takes off these lines at `at`, or why it cannot be used. It applies to the goods in its scope only
 * (never to the delivery fee), reaches its threshold on those goods alone, and leaves at least 1 fen to pay, since
 * WeChat Pay takes no payment of nothing. Percentages round down, in the shopper's favour never by more than a fen.
 */
export function couponUse(coupon: HeldCoupon, lines: readonly DiscountableLine[], payableFen: number, at: Date): CouponUse {
  if (coupon.used) return { ok: false, reason: "used" };
  if (at.getTime() >= coupon.validUntil.getTime()) return { ok: false, reason: "expired" };
  if (at.getTime() < coupon.validFrom.getTime()) return { ok: false, reason: "notStarted" };
  const { terms } = coupon;
  const scoped = lines.filter((line) => inScope(terms.scope, line));
  if (scoped.length === 0) return { ok: false, reason: "outOfScope" };
  const eligibleFen = scoped.reduce((sum, line) => sum + line.lineTotalFen, 0);
  if (eligibleFen < terms.thresholdFen || eligibleFen === 0) return { ok: false, reason: "threshold", thresholdFen: terms.thresholdFen, eligibleFen };
  const off = terms.discount.kind === "amount" ? terms.discount.amountFen : Math.floor((eligibleFen * terms.discount.percentOff) / 100);
  const discountFen = Math.max(0, Math.min(off, eligibleFen, payableFen - 1));
  return discountFen > 0 ? { ok: true, discountFen } : { ok: false, reason: "threshold", thresholdFen: terms.thresholdFen, eligibleFen };
}

export type CouponOffer = { coupon: HeldCoupon; use: CouponUse };

/**
 * Every held coupon weighed against the order, the usable ones first, the biggest discount first among them; at an
 * equal discount the one that ends sooner, so the shopper does not waste the coupon about to expire.
 */
export function couponOffers(coupons: readonly HeldCoupon[], lines: readonly DiscountableLine[], payableFen: number, at: Date): CouponOffer[] {
  const discount = (offer: CouponOffer) => (offer.use.ok ? offer.use.discountFen : -1);
  return coupons
    .map((coupon) => ({ coupon, use: couponUse(coupon, lines, payableFen, at) }))
    .sort((a, b) => discount(b) - discount(a) || a.coupon.validUntil.getTime() - b.coupon.validUntil.getTime() || a.coupon.id.localeCompare(b.coupon.id));
}

/** The coupon checkout offers: the one that takes the most off, or null when none applies. */
export function bestCoupon(coupons: readonly HeldCoupon[], lines: readonly DiscountableLine[], payableFen: number, at: Date): { coupon: HeldCoupon; discountFen: number } | null {
  const [first] = couponOffers(coupons, lines, payableFen, at);
  return first?.use.ok ? { coupon: first.coupon, discountFen: first.use.discountFen } : null;
}

/** Fen as yuan, without trailing zeros: "5", "12.5", "0.01". */
export function yuan(fen: number): string {
  const whole = (fen - (fen % 100)) / 100;
  const cents = fen % 100;
  return cents === 0 ? String(whole) : `${whole}.${String(cents).padStart(2, "0").replace(/0$/, "")}`;
}

/** The discount as a shopper reads it on the coupon: "¥5" / "8.5折" ("15% off"). */
export function discountText(discount: CouponDiscount, locale: Locale = "zh-CN"): string {
  if (discount.kind === "amount") return `¥${yuan(discount.amountFen)}`;
  const tenths = 100 - discount.percentOff;
  return locale === "zh-CN" ? `${tenths / 10}折` : `${discount.percentOff}% off`;
}

/** "满50可用" / "No minimum". */
export function thresholdText(thresholdFen: number, locale: Locale = "zh-CN"): string {
  if (thresholdFen === 0) return locale === "zh-CN" ? "无门槛" : "No minimum";
  return locale === "zh-CN" ? `满${yuan(thresholdFen)}元可用` : `On ¥${yuan(thresholdFen)} or more`;
}

const UNUSABLE: Record<Locale, Record<CouponUnusable, (use: Extract<CouponUse, { ok: false }>) => string>> = {
  "zh-CN": {
    used: () => "这张优惠券已用在另一笔订单上。",
    expired: () => "这张优惠券已过期。",
    notStarted: () => "这张优惠券还没到可用时间。",
    threshold: (use) => `适用商品满 ${yuan(use.thresholdFen ?? 0)} 元才能用这张券（当前 ${yuan(use.eligibleFen ?? 0)} 元）。`,
    outOfScope: () => "订单里没有这张券适用的商品。",
    notHeld: () => "没有找到这张优惠券。",
  },
  en: {
    used: () => "This coupon is already used on another order.",
    expired: () => "This coupon has expired.",
    notStarted: () => "This coupon cannot be used yet.",
    threshold: (use) => `This coupon needs ¥${yuan(use.thresholdFen ?? 0)} of the goods it applies to (now ¥${yuan(use.eligibleFen ?? 0)}).`,
    outOfScope: () => "Nothing in this order is covered by this coupon.",
    notHeld: () => "This coupon was not found.",
  },
};

export function couponUnusableMessage(use: Extract<CouponUse, { ok: false }>, locale: Locale = "zh-CN"): string {
  return UNUSABLE[locale][use.reason](use);
}

export type ClaimRefusal = "notFound" | "stopped" | "ended" | "soldOut" | "limit";

const CLAIM_REFUSALS: Record<Locale, Record<ClaimRefusal, string>> = {
  "zh-CN": {
    notFound: "没有找到这张优惠券。",
    stopped: "这张优惠券已停止发放。",
    ended: "这张优惠券的活动已结束。",
    soldOut: "这张优惠券已被领完。",
    limit: "你已领满这张优惠券的限领数量。",
  },
  en: {
    notFound: "This coupon was not found.",
    stopped: "This coupon is no longer given out.",
    ended: "This coupon's offer has ended.",
    soldOut: "All of this coupon have been claimed.",
    limit: "You already hold as many of this coupon as one shopper may.",
  },
};

export function claimRefusalMessage(refusal: ClaimRefusal, locale: Locale = "zh-CN"): string {
  return CLAIM_REFUSALS[locale][refusal];
}

export { heldCouponView, offerView, termsView, type CouponOfferView, type CouponTermsView, type HeldCouponView } from "./views";
