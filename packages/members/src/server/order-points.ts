// What an order's payment, refund and end do to its shopper's membership, called by @kaidian/orders' changeOrder
// inside the transaction that changes the order (its row locked, so one order's changes take turns): payment earns
// points by the rule and adds to the spend; a refund takes back the earned points and gives back the redeemed ones
// in proportion to what has been refunded, and takes the refund off the spend; an unpaid order that ends gives its
// redeemed points back. A shopper who is not a member has no row to change, and nothing happens.
import type { Transaction } from "@kaidian/db";
import { pointsEarned, pointsToReverse } from "../points";
import { changePoints, orderPoints } from "./ledger";
import { readMemberRules } from "./settings";

export type OrderForPoints = { tenantId: string; id: string; shopperId: string; paidFen: number; refundedFen: number };

/** Payment: the points the rule gives for what was paid, and the spend, in one ledger statement. */
export async function pointsOnPayment(tx: Transaction, order: OrderForPoints, at: Date): Promise<void> {
  const rules = await readMemberRules(tx, order.tenantId);
  const earned = pointsEarned(rules, order.paidFen);
  await changePoints(tx, { tenantId: order.tenantId, member: { shopperId: order.shopperId }, change: earned, reason: "earned", orderId: order.id, spentFen: order.paidFen, at });
}

/** A refund of `amountFen` (already counted in `order.refundedFen`). */
export async function pointsOnRefund(tx: Transaction, order: OrderForPoints, amountFen: number, at: Date): Promise<void> {
  const moved = await orderPoints(tx, order.id);
  const member = { shopperId: order.shopperId };
  const proportion = { paidFen: order.paidFen, refundedFen: order.refundedFen };
  const reverse = pointsToReverse({ earned: moved.earned, alreadyReversed: -moved.reversed, ...proportion });
  const giveBack = pointsToReverse({ earned: -moved.redeemed, alreadyReversed: moved.returned, ...proportion });
  // The spend counts payments made as a member, so only those refunds take from it.
  const counted = await paidAsMember(tx, order);
  // A reversal may take the balance below zero (the earned points were spent meanwhile): the member owes them.
  await changePoints(tx, { tenantId: order.tenantId, member, change: -reverse, reason: "reversed", orderId: order.id, spentFen: counted ? -amountFen : 0, at });
  if (giveBack > 0) await changePoints(tx, { tenantId: order.tenantId, member, change: giveBack, reason: "returned", orderId: order.id, at });
}

/** An unpaid order cancelled or expired: the points it redeemed come back. */
export async function pointsOnOrderEnd(tx: Transaction, order: Pick<OrderForPoints, "tenantId" | "id" | "shopperId">, at: Date): Promise<void> {
  const moved = await orderPoints(tx, order.id);
  const due = -moved.redeemed - moved.returned;
  if (due > 0) await changePoints(tx, { tenantId: order.tenantId, member: { shopperId: order.shopperId }, change: due, reason: "returned", orderId: order.id, at });
}

/** Whether the order was paid while its shopper was a member (its payment then added to the spend). */
async function paidAsMember(tx: Transaction, order: OrderForPoints): Promise<boolean> {
  const rows = await tx.$queryRaw<{ yes: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM members m JOIN orders o ON o.tenant_id = m.tenant_id AND o.id = ${order.id}::uuid
      WHERE m.tenant_id = ${order.tenantId}::uuid AND m.shopper_id = ${order.shopperId}::uuid AND o.paid_at >= m.joined_at) AS yes`;
  return rows[0]?.yes ?? false;
}
