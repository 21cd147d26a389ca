// An order as the server reads it back: the row's facts, its lines as bought, and its recorded history. Shop-api
// and the dashboard shape their answers from this; neither reads the tables on its own.
import type { Transaction } from "@kaidian/db";
import type { DeliveryMethod } from "../delivery";
import type { ActorRole, OrderAction, OrderState, OrderStatus, Tracking } from "../lifecycle";
import type { ChosenDishOptions, PricedLine } from "../pricing";
import type { ShippingAddress } from "../request";

/** A line as priced at order time, in its place, and whether it took SKU stock. */
export type OrderLineRecord = PricedLine & { position: number; stockReserved: boolean };

export type OrderEventRecord = {
  id: string;
  action: OrderAction | "place";
  from: OrderStatus | null;
  to: OrderStatus;
  actor: { role: ActorRole; id: string | null };
  reason: string;
  amountFen: number | null;
  tracking: Tracking | null;
  at: Date;
};

export type OrderRecord = OrderState & {
  tenantId: string;
  id: string;
  number: string;
  shopperId: string;
  address: ShippingAddress | null;
  pickupAddress: string;
  note: string;
  subtotalFen: number;
  deliveryFeeFen: number;
  /** What the shopper's coupon took off the goods; totalFen is net of it. */
  discountFen: number;
  /** The shopper's coupon used on the order (given back if it ends unpaid), or null. */
  shopperCouponId: string | null;
  /** The member's level discount, and the points spent with what they took off; totalFen is net of both. */
  levelDiscountFen: number;
  pointsUsed: number;
  pointsDiscountFen: number;
  paymentNo: string;
  transactionId: string | null;
  paidAt: Date | null;
  paymentProblem: string | null;
  expiresAt: Date;
  shippingUpload: "pending" | "accepted" | null;
  shippingProblem: string | null;
  /** A restaurant's takeaway: the day's pickup number, given at payment. */
  pickupNumber: number | null;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
  lines: OrderLineRecord[];
  events: OrderEventRecord[];
};

/** The order with its lines and events (oldest first), or null when this store has no such order. */
export async function loadOrder(tx: Transaction, orderId: string): Promise<OrderRecord | null> {
  const row = await tx.order.findFirst({
    where: { id: orderId },
    include: { lines: { orderBy: { position: "asc" } }, events: { orderBy: [{ at: "asc" }, { id: "asc" }] } },
  });
  if (!row) return null;
  return {
    tenantId: row.tenantId,
    id: row.id,
    number: row.number,
    shopperId: row.shopperId,
    status: row.status as OrderStatus,
    delivery: row.delivery as DeliveryMethod,
    address: row.address as ShippingAddress | null,
    pickupAddress: row.pickupAddress,
    note: row.note,
    subtotalFen: row.subtotalFen,
    deliveryFeeFen: row.deliveryFeeFen,
    discountFen: row.discountFen,
    shopperCouponId: row.shopperCouponId,
    levelDiscountFen: row.levelDiscountFen,
    pointsUsed: row.pointsUsed,
    pointsDiscountFen: row.pointsDiscountFen,
    totalFen: row.totalFen,
    paidFen: row.paidFen,
    refundedFen: row.refundedFen,
    refundRequested: row.refundRequested,
    tracking: row.tracking as Tracking | null,
    paymentNo: row.paymentNo,
    transactionId: row.transactionId,
    paidAt: row.paidAt,
    paymentProblem: row.paymentProblem,
    expiresAt: row.expiresAt,
    shippingUpload: row.shippingUpload as OrderRecord["shippingUpload"],
    shippingProblem: row.shippingProblem,
    pickupNumber: row.pickupNumber,
    revision: row.revision,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    lines: row.lines.map((line) => ({
      position: line.position,
      itemId: line.itemId,
      kind: line.kind as OrderLineRecord["kind"],
      title: line.title,
      skuOptions: line.skuOptions as string[],
      dishOptions: line.dishOptions as ChosenDishOptions,
      quantity: line.quantity,
      unitPriceFen: line.unitPriceFen,
      lineTotalFen: line.lineTotalFen,
      stockReserved: line.stockReserved,
    })),
    events: row.events.map((event) => ({
      id: event.id,
      action: event.action as OrderEventRecord["action"],
      from: event.fromStatus as OrderStatus | null,
      to: event.toStatus as OrderStatus,
      actor: { role: event.actorRole as ActorRole, id: event.actorId },
      reason: event.reason,
      amountFen: event.amountFen,
      tracking: event.tracking as Tracking | null,
      at: event.at,
    })),
  };
}
