// What membership takes off an order at checkout, after its coupon: the member's level discount off the goods, then
// (when the shopper asks) points, up to the rule's share of what is left of the goods. The delivery fee is never
// discounted, and the discounts together never pass the goods. Computed on the server from the member's row.
import { pointsUse } from "./points";
import { levelDiscountFen, levelOf, type MemberRules } from "./rules";

/** The member as checkout reads them: their balance, their spend (the level), and the store's rule. */
export type CheckoutMember = { points: number; spentFen: number; rules: MemberRules };

export type MemberDiscounts = { level: string | null; levelDiscountFen: number; pointsUsed: number; pointsDiscountFen: number; pointsAvailable: number };

export const NO_MEMBER_DISCOUNTS: MemberDiscounts = { level: null, levelDiscountFen: 0, pointsUsed: 0, pointsDiscountFen: 0, pointsAvailable: 0 };

export function memberDiscounts(member: CheckoutMember | null, input: { subtotalFen: number; couponFen: number; usePoints: boolean }): MemberDiscounts {
  if (!member) return NO_MEMBER_DISCOUNTS;
  const level = levelOf(member.rules.levels, member.spentFen);
  const afterCoupon = Math.max(input.subtotalFen - input.couponFen, 0);
  const levelFen = Math.min(levelDiscountFen(level, input.subtotalFen), afterCoupon);
  const usable = pointsUse(member.rules, member.points, afterCoupon - levelFen);
  const points = input.usePoints ? usable : { pointsUsed: 0, discountFen: 0 };
  return { level: level.name, levelDiscountFen: levelFen, pointsUsed: points.pointsUsed, pointsDiscountFen: points.discountFen, pointsAvailable: member.rules.pointsEnabled ? member.points : 0 };
}
