// A couponed order with the shopper's membership applied: their level's discount and, when asked, points, as
// @kaidian/members computes them. The placing statement then takes the points only if the balance still holds them.
import { type CheckoutMember, type MemberDiscounts, memberDiscounts } from "@kaidian/members";
import type { PricedOrder } from "./pricing";

export type MemberPricedOrder = { order: PricedOrder; membership: MemberDiscounts };

export function applyMembership(order: PricedOrder, member: CheckoutMember | null, usePoints: boolean): MemberPricedOrder {
  const membership = memberDiscounts(member, { subtotalFen: order.subtotalFen, couponFen: order.discountFen, usePoints });
  const { levelDiscountFen, pointsUsed, pointsDiscountFen } = membership;
  return {
    order: { ...order, levelDiscountFen, pointsUsed, pointsDiscountFen, totalFen: order.totalFen - levelDiscountFen - pointsDiscountFen },
    membership,
  };
}
