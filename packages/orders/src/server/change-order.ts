// The one way an order changes after it is placed. In the caller's transaction: lock the order's row, ask the
// lifecycle table whether the command is allowed from its state by this actor, write the new state and the event
// that records it, and do what the change means inside the database (stock, the coupon and redeemed points back on
// cancel and expiry; the coupon back too when a paid order is refunded in full; a member's points earned on payment
// and taken back in proportion on a refund; a booking's
// room sold on payment or given back on its nights; shipping information due to WeChat on ship and pickup; a table's
// round to the kitchen, or its tab closed, on payment). Anything outside the database (WeChat Pay's refund or close,
// the shipping upload itself) is for the caller or the order timers, after this commits.
import { giveBackCoupon } from "@kaidian/coupons/server";
import type { Transaction } from "@kaidian/db";
import { pointsOnOrderEnd, pointsOnPayment, pointsOnRefund } from "@kaidian/members/server";
import { transition, type Actor, type OrderCommand, type OrderEvent, type OrderStatus, type TransitionRefusal } from "../lifecycle";
import { loadOrder, type OrderRecord } from "./order-record";
import { moveStayNights } from "./stay-nights";
import { assignPickupNumber } from "./pickup-numbers";
import { releaseStock } from "./stock";
import { tableOrderChanged } from "./table-orders";

export type ChangeOrderInput = { orderId: string; command: OrderCommand; actor: Actor; at?: Date };

export type ChangeOrderResult =
  | { ok: true; order: OrderRecord; event: OrderEvent }
  | { ok: false; refusal: TransitionRefusal; order: OrderRecord }
  | { ok: false; notFound: true };

/** Unpaid orders that end give their stock, and the shopper's coupon, back. */
const RELEASES_STOCK: ReadonlySet<OrderCommand["action"]> = new Set(["cancel", "expire"]);
/** Handing the goods over is what WeChat's shipping information records (and what releases the merchant's funds). */
const HANDS_OVER: ReadonlySet<OrderCommand["action"]> = new Set(["ship", "pickUp"]);

export async function changeOrder(tx: Transaction, input: ChangeOrderInput): Promise<ChangeOrderResult> {
  const at = input.at ?? new Date();
  // The lock makes concurrent commands on one order take turns, each deciding from the state the previous left.
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM orders WHERE id = ${input.orderId}::uuid FOR UPDATE`;
  if (locked.length === 0) return { ok: false, notFound: true };
  const order = (await loadOrder(tx, input.orderId))!;

  const result = transition(order, input.command, input.actor, at);
  if (!result.ok) return { ok: false, refusal: result.refusal, order };
  const next = result.order;
  const { command } = input;

  await tx.order.update({
    where: { tenantId_id: { tenantId: order.tenantId, id: order.id } },
    data: {
      status: next.status,
      paidFen: next.paidFen,
      refundedFen: next.refundedFen,
      refundRequested: next.refundRequested,
      tracking: next.tracking ?? undefined,
      // A round added to a pay-at-end tab; nothing else changes an order's amounts. Dine-in has no delivery fee.
      ...(next.totalFen !== order.totalFen ? { totalFen: next.totalFen, subtotalFen: { increment: next.totalFen - order.totalFen } } : {}),
      revision: { increment: 1 },
      updatedAt: at,
      ...(command.action === "pay" || command.action === "payAtCounter" ? { paidAt: at } : {}),
      ...(HANDS_OVER.has(command.action) ? { shippingUpload: "pending", shippingNextAt: at, shippingAttempts: 0, shippingProblem: null } : {}),
    },
  });
  await tx.orderEvent.create({ data: eventRow(order, result.event) });
  if (command.action === "pay" && order.delivery === "pickup") await assignPickupNumber(tx, order.tenantId, order.id, at);
  if (RELEASES_STOCK.has(command.action)) {
    for (const line of order.lines) {
      if (line.stockReserved) await releaseStock(tx, line);
    }
    if (order.shopperCouponId) await giveBackCoupon(tx, order.id);
    await pointsOnOrderEnd(tx, order, at);
  }
  await membershipOnMoney(tx, order, next, command, at);
  // A hotel booking's room: sold on payment, back to the hotel when it ends unpaid or the guest cancels.
  if (order.delivery === "stay") await moveStayNights(tx, order.id, command.action);
  if (order.delivery === "dineIn") await tableOrderChanged(tx, order, next.status, at);
  return { ok: true, order: (await loadOrder(tx, order.id))!, event: result.event };
}

/**
 * A member's points and spend move with the order's money, in this transaction: earned on payment, taken back in
 * proportion on a refund. A refund of everything paid also gives the order's coupon back, as a cancel does.
 */
async function membershipOnMoney(tx: Transaction, order: OrderRecord, next: { paidFen: number; refundedFen: number }, command: OrderCommand, at: Date) {
  const money = { tenantId: order.tenantId, id: order.id, shopperId: order.shopperId, paidFen: next.paidFen, refundedFen: next.refundedFen };
  if (command.action === "pay" || command.action === "payAtCounter") await pointsOnPayment(tx, money, at);
  if (command.action !== "refund") return;
  await pointsOnRefund(tx, money, command.amountFen, at);
  if (order.shopperCouponId && next.refundedFen >= next.paidFen) await giveBackCoupon(tx, order.id);
}

function eventRow(order: OrderRecord, event: OrderEvent) {
  return {
    tenantId: order.tenantId,
    orderId: order.id,
    action: event.action,
    fromStatus: event.from satisfies OrderStatus,
    toStatus: event.to,
    actorRole: event.actor.role,
    actorId: event.actor.id,
    reason: event.reason,
    amountFen: event.amountFen,
    tracking: event.tracking ?? undefined,
    at: event.at,
  };
}
