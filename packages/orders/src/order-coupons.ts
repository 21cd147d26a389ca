// A priced order with the shopper's coupon applied: the one they chose, none, or (when the phone does not say) the
// best that applies. The discount comes off the goods, never the delivery fee, in integer fen; the coupon rules are
// @kaidian/coupons'. The placing statement then marks the coupon used only if no other order took it meanwhile.
import type { Item } from "@kaidian/catalog";
import { bestCoupon, type CouponOffer, couponOffers, couponUse, type DiscountableLine, type HeldCoupon } from "@kaidian/coupons";
import type { PricedOrder } from "./pricing";
import type { OrderRefusal } from "./refusals";

/** The shopper's coupon id, null for none, undefined for the best that applies. */
export type CouponChoice = string | null | undefined;

export type CouponedOrder = { ok: true; order: PricedOrder; offers: CouponOffer[] } | { ok: false; refusals: OrderRefusal[] };

export function discountableLines(order: PricedOrder, items: readonly Item[]): DiscountableLine[] {
  const categoryOf = new Map(items.map((item) => [item.id, item.categoryId ?? null]));
  return order.lines.map((line) => ({ itemId: line.itemId, categoryId: categoryOf.get(line.itemId) ?? null, lineTotalFen: line.lineTotalFen }));
}

export function applyCoupon(order: PricedOrder, items: readonly Item[], held: readonly HeldCoupon[], choice: CouponChoice, at: Date): CouponedOrder {
  const lines = discountableLines(order, items);
  const payableFen = order.subtotalFen + order.deliveryFeeFen;
  // What the shopper may pick from: the coupons they can use now, with what each would take off.
  const offers = couponOffers(held.filter((coupon) => !coupon.used && coupon.validUntil.getTime() > at.getTime()), lines, payableFen, at);
  const discounted = (coupon: HeldCoupon, discountFen: number): CouponedOrder => ({
    ok: true,
    order: { ...order, discountFen, shopperCouponId: coupon.id, totalFen: payableFen - discountFen },
    offers,
  });
  if (choice === null) return { ok: true, order, offers };
  if (choice === undefined) {
    const best = bestCoupon(held, lines, payableFen, at);
    return best ? discounted(best.coupon, best.discountFen) : { ok: true, order, offers };
  }
  const coupon = held.find((candidate) => candidate.id === choice);
  if (!coupon) return { ok: false, refusals: [{ code: "couponUnusable", coupon: choice, reason: "notHeld" }] };
  const use = couponUse(coupon, lines, payableFen, at);
  if (!use.ok) return { ok: false, refusals: [{ code: "couponUnusable", coupon: choice, reason: use.reason, thresholdFen: use.thresholdFen, eligibleFen: use.eligibleFen }] };
  return discounted(coupon, use.discountFen);
}
