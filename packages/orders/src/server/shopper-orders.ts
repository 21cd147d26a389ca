// A shopper's own orders, as the Mini Program shows them: the list (newest first, in cursor pages), one order with
// its lines, amounts, status, history and the actions the shopper may take, and those actions through the
// lifecycle. Every read and change names the shopper: another shopper's order is "not found", never shown.
import type { Transaction } from "@kaidian/db";
import { z } from "zod";
import { availableActions, orderCommandSchema, type OrderAction, orderStatusName, type OrderStatus, type TransitionRefusal } from "../lifecycle";
import { formatPickupNumber } from "../order-number";
import type { Locale } from "../refusals";
import { changeOrder } from "./change-order";
import { sentToKitchen } from "./table-orders";
import { loadOrder, type OrderRecord } from "./order-record";

/** What a shopper may ask of an order; everything else is the merchant's or the system's. */
export const SHOPPER_ACTIONS = ["cancel", "confirmReceipt", "requestRefund"] as const;
export const shopperCommandSchema = orderCommandSchema.refine((command) => (SHOPPER_ACTIONS as readonly string[]).includes(command.action), {
  error: "Not an action for shoppers",
  path: ["action"],
});

export const SHOPPER_ORDERS_PAGE = 20;

export type OrderView = {
  id: string;
  number: string;
  status: OrderStatus;
  statusName: string;
  delivery: OrderRecord["delivery"];
  address: OrderRecord["address"];
  pickupAddress: string;
  note: string;
  lines: Omit<OrderRecord["lines"][number], "stockReserved" | "position">[];
  subtotalFen: number;
  deliveryFeeFen: number;
  /** What the shopper's coupon took off. */
  discountFen: number;
  /** What the member's level took off, and the points spent with what they took off. */
  levelDiscountFen: number;
  pointsUsed: number;
  pointsDiscountFen: number;
  totalFen: number;
  paidFen: number;
  refundedFen: number;
  refundRequested: boolean;
  tracking: OrderRecord["tracking"];
  /** A restaurant's takeaway: the number the counter calls ("007"), from payment on; null otherwise. */
  pickupNumber: string | null;
  createdAt: string;
  paidAt: string | null;
  /** When an unpaid order closes by itself; null once paid or ended. */
  expiresAt: string | null;
  /** The buttons to show. */
  actions: OrderAction[];
  /** The order's history; who acted is named by role only (a merchant's staff stay anonymous to shoppers). */
  events: { action: string; from: OrderStatus | null; to: OrderStatus; actor: string; reason: string; amountFen: number | null; at: string }[];
};

export type OrderSummary = Pick<OrderView, "id" | "number" | "status" | "statusName" | "totalFen" | "createdAt" | "expiresAt" | "actions"> & {
  lineCount: number;
  firstTitle: string;
};

/**
 * The order as the shopper sees it. `kitchenHas`: the kitchen already has its dishes (a pay-at-end tab's bill), so
 * it is paid, at the table or the counter, not cancelled: no cancel is offered (shopperOrderAction refuses it too).
 */
export function orderView(order: OrderRecord, locale: Locale, kitchenHas = false): OrderView {
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    statusName: orderStatusName(order.status, order.delivery, locale),
    delivery: order.delivery,
    address: order.address,
    pickupAddress: order.pickupAddress,
    note: order.note,
    lines: order.lines.map(({ stockReserved: _reserved, position: _position, ...line }) => line),
    subtotalFen: order.subtotalFen,
    deliveryFeeFen: order.deliveryFeeFen,
    discountFen: order.discountFen,
    levelDiscountFen: order.levelDiscountFen,
    pointsUsed: order.pointsUsed,
    pointsDiscountFen: order.pointsDiscountFen,
    totalFen: order.totalFen,
    paidFen: order.paidFen,
    refundedFen: order.refundedFen,
    refundRequested: order.refundRequested,
    tracking: order.tracking,
    pickupNumber: order.pickupNumber === null ? null : formatPickupNumber(order.pickupNumber),
    createdAt: order.createdAt.toISOString(),
    paidAt: order.paidAt?.toISOString() ?? null,
    expiresAt: order.status === "pendingPayment" ? order.expiresAt.toISOString() : null,
    // Rounds are added from the table, not from the order page; a booking's cancelStay is offered (bookings route).
    actions: availableActions(order, "shopper").filter((action) => action !== "addRound" && !(kitchenHas && action === "cancel")),
    events: order.events.map((event) => ({
      action: event.action,
      from: event.from,
      to: event.to,
      actor: event.actor.role,
      reason: event.reason,
      amountFen: event.amountFen,
      at: event.at.toISOString(),
    })),
  };
}

/** Whether the kitchen has this unpaid dine-in order's dishes (then it is not the shopper's to cancel). */
async function kitchenHasDishes(tx: Transaction, order: Pick<OrderRecord, "id" | "delivery" | "status">): Promise<boolean> {
  return order.delivery === "dineIn" && order.status === "pendingPayment" && (await sentToKitchen(tx, order.id));
}

/** orderView with what the kitchen has looked up: the view every shopper route answers with. */
export async function shopperOrderView(tx: Transaction, order: OrderRecord, locale: Locale): Promise<OrderView> {
  return orderView(order, locale, await kitchenHasDishes(tx, order));
}

/** The shopper's order, or null when it is not theirs (or not there). */
export async function shopperOrder(tx: Transaction, shopperId: string, orderId: string): Promise<OrderRecord | null> {
  const order = await loadOrder(tx, orderId);
  return order && order.shopperId === shopperId ? order : null;
}

const cursorSchema = z.object({ at: z.iso.datetime(), id: z.uuid() });

/** The opaque cursor of the next page: where this one ended. */
const encodeCursor = (at: Date, id: string) => Buffer.from(JSON.stringify({ at: at.toISOString(), id })).toString("base64url");
function decodeCursor(cursor: string): { at: Date; id: string } | null {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return parsed.success ? { at: new Date(parsed.data.at), id: parsed.data.id } : null;
  } catch {
    return null;
  }
}

export type OrderPage = { ok: true; orders: OrderSummary[]; nextCursor: string | null } | { ok: false; problem: "cursor" };

/** The shopper's orders, newest first; `cursor` continues where the previous page ended. */
export async function listShopperOrders(tx: Transaction, tenantId: string, shopperId: string, cursor: string | undefined, locale: Locale): Promise<OrderPage> {
  const after = cursor ? decodeCursor(cursor) : null;
  if (cursor && !after) return { ok: false, problem: "cursor" };
  const rows = await tx.order.findMany({
    where: {
      tenantId,
      shopperId,
      ...(after ? { OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: SHOPPER_ORDERS_PAGE + 1,
    include: { lines: { orderBy: { position: "asc" }, select: { title: true } } },
  });
  const page = rows.slice(0, SHOPPER_ORDERS_PAGE);
  const last = page.at(-1);
  const unpaidDineIn = page.filter((row) => row.delivery === "dineIn" && row.status === "pendingPayment").map((row) => row.id);
  const inKitchen = new Set(
    unpaidDineIn.length === 0 ? [] : (await tx.tableRound.findMany({ where: { orderId: { in: unpaidDineIn }, sentAt: { not: null } }, select: { orderId: true } })).map((round) => round.orderId),
  );
  return {
    ok: true,
    orders: page.map((row) => {
      const status = row.status as OrderStatus;
      const delivery = row.delivery as OrderRecord["delivery"];
      return {
        id: row.id,
        number: row.number,
        status,
        statusName: orderStatusName(status, delivery, locale),
        totalFen: row.totalFen,
        createdAt: row.createdAt.toISOString(),
        expiresAt: status === "pendingPayment" ? row.expiresAt.toISOString() : null,
        actions: availableActions(
          { status, delivery, totalFen: row.totalFen, paidFen: row.paidFen, refundedFen: row.refundedFen, refundRequested: row.refundRequested, tracking: null },
          "shopper",
        ).filter((action) => action !== "addRound" && !(inKitchen.has(row.id) && action === "cancel")),
        lineCount: row.lines.length,
        firstTitle: row.lines[0]?.title ?? "",
      };
    }),
    nextCursor: rows.length > SHOPPER_ORDERS_PAGE && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}

export type ShopperActionResult = { ok: true; order: OrderRecord } | { ok: false; notFound: true } | { ok: false; refusal: TransitionRefusal };

/** A shopper's cancel, confirm receipt or refund request, on their own order only. */
export async function shopperOrderAction(tx: Transaction, shopperId: string, orderId: string, command: z.infer<typeof shopperCommandSchema>): Promise<ShopperActionResult> {
  const owner = await tx.order.findFirst({ where: { id: orderId }, select: { shopperId: true } });
  if (owner?.shopperId !== shopperId) return { ok: false, notFound: true };
  // Dishes the kitchen already has are paid for, not cancelled: a pay-at-end tab is settled or paid at the counter.
  if (command.action === "cancel" && (await sentToKitchen(tx, orderId))) return { ok: false, refusal: { code: "notPermitted", action: "cancel", role: "shopper" } };
  const changed = await changeOrder(tx, { orderId, command, actor: { role: "shopper", id: shopperId } });
  if (changed.ok) return { ok: true, order: changed.order };
  return "notFound" in changed ? { ok: false, notFound: true } : { ok: false, refusal: changed.refusal };
}

export type ItemStock = { skus: { options: string[]; stock: number }[] };

/** Each SKU's stock now, read live (not from any cache); null for an item shoppers cannot see. */
export async function itemStock(tx: Transaction, tenantId: string, itemId: string): Promise<ItemStock | null> {
  const item = await tx.catalogItem.findFirst({ where: { tenantId, id: itemId, visible: true }, select: { kind: true, details: true } });
  if (!item) return null;
  const skus = item.kind === "PRODUCT" ? ((item.details as { skus?: { options?: unknown; stock?: unknown }[] }).skus ?? []) : [];
  return {
    skus: skus.flatMap((sku) =>
      Array.isArray(sku.options) && typeof sku.stock === "number" ? [{ options: sku.options.map(String), stock: sku.stock }] : [],
    ),
  };
}
