// Points arithmetic, in whole points and integer fen. Earning rounds down to whole yuan; a refund takes back the
// earned points in proportion, counted on the whole of what has been refunded so far so that partial refunds add up
// to exactly the points earned once everything is refunded (no rounding drift).
import type { MemberRules } from "./rules";

/** What paying `paidFen` earns under the rule: whole yuan times the rate; nothing while points are off. */
export function pointsEarned(rules: Pick<MemberRules, "pointsEnabled" | "pointsPerYuan">, paidFen: number): number {
  if (!rules.pointsEnabled) return 0;
  return Math.floor(paidFen / 100) * rules.pointsPerYuan;
}

/**
 * How many of `earned` points a refund takes back: those in proportion to everything refunded up to now, less
 * what earlier refunds already took back.
 */
export function pointsToReverse(input: { earned: number; alreadyReversed: number; paidFen: number; refundedFen: number }): number {
  const { earned, alreadyReversed, paidFen, refundedFen } = input;
  if (earned <= 0 || paidFen <= 0) return 0;
  const due = refundedFen >= paidFen ? earned : Math.floor((earned * refundedFen) / paidFen);
  return Math.max(due - alreadyReversed, 0);
}

/** Points spent at checkout and what they take off; zero when the shopper asked for none or has none usable. */
export type PointsUse = { pointsUsed: number; discountFen: number };

/**
 * The most the member's `balance` may take off `goodsFen` (the goods after the level and coupon discounts): at most
 * the rule's share of it, in whole fen, for the points that make it (rounded up, so a point never buys more than
 * its worth).
 */
export function pointsUse(rules: Pick<MemberRules, "pointsEnabled" | "pointsPerYuanOff" | "maxPointsPercent">, balance: number, goodsFen: number): PointsUse {
  if (!rules.pointsEnabled || balance <= 0 || goodsFen <= 0) return { pointsUsed: 0, discountFen: 0 };
  const capFen = Math.floor((goodsFen * rules.maxPointsPercent) / 100);
  const worthFen = Math.floor((balance * 100) / rules.pointsPerYuanOff);
  const discountFen = Math.min(capFen, worthFen);
  if (discountFen <= 0) return { pointsUsed: 0, discountFen: 0 };
  return { pointsUsed: Math.ceil((discountFen * rules.pointsPerYuanOff) / 100), discountFen };
}
