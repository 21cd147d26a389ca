// An order's life as one table: for each action, the states it may start from, where it leads, who may take it and
// for which delivery. Every change goes through `transition`, which refuses anything the table does not allow and
// yields the event to store beside the new state, so no change of an order goes unrecorded. Hotel and restaurant
// flows add rows to the table; they do not add branches.
import { lineText, paragraphText } from "@kaidian/catalog";
import { z } from "zod";
import type { DeliveryMethod } from "./delivery";
import { yuanText, type Locale } from "./refusals";

// New statuses go at the end. "ready": a takeaway (pickup) order the kitchen has finished, waiting to be collected.
export const ORDER_STATUSES = ["pendingPayment", "paid", "shipped", "completed", "cancelled", "refunded", "checkedIn", "noShow", "stayCancelled", "ready"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ACTOR_ROLES = ["shopper", "merchantStaff", "merchantOwner", "system", "paymentNotification"] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];
/** Who acted: the role, and the shopper's or account's id when a person did. */
export type Actor = { role: ActorRole; id: string | null };

/** How the merchant tells the shopper where the parcel is. */
export const trackingSchema = z.object({
  company: lineText(20).min(1),
  number: z.string().trim().regex(/^[0-9A-Za-z-]{4,40}$/),
});
export type Tracking = z.infer<typeof trackingSchema>;

const reasonSchema = paragraphText(200).default("");

/** What a shopper, a merchant or the system asks of an order; the routes parse their bodies with it. */
export const orderCommandSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("pay"), amountFen: z.int().min(1) }),
  z.object({ action: z.literal("cancel"), reason: reasonSchema }),
  z.object({ action: z.literal("expire") }),
  z.object({ action: z.literal("ship"), tracking: trackingSchema }),
  z.object({ action: z.literal("pickUp") }),
  z.object({ action: z.literal("confirmReceipt") }),
  z.object({ action: z.literal("requestRefund"), reason: paragraphText(200).min(1) }),
  z.object({ action: z.literal("declineRefund"), reason: paragraphText(200).min(1) }),
  z.object({ action: z.literal("refund"), amountFen: z.int().min(1), reason: paragraphText(200).min(1) }),
  // Hotel stays
  z.object({ action: z.literal("checkIn") }),
  z.object({ action: z.literal("checkOut") }),
  z.object({ action: z.literal("markNoShow") }),
  /** The guest cancels a paid booking; `refundFen` is what the room's cancellation policy gives back (server-computed). */
  z.object({ action: z.literal("cancelStay"), refundFen: z.int().min(0), reason: reasonSchema }),
  // Takeaway
  z.object({ action: z.literal("markReady") }),
  // Table orders
  z.object({ action: z.literal("addRound"), amountFen: z.int().min(1) }),
  z.object({ action: z.literal("payAtCounter"), amountFen: z.int().min(1) }),
]);
export type OrderCommand = z.infer<typeof orderCommandSchema>;
export type OrderCommandInput = z.input<typeof orderCommandSchema>;
export type OrderAction = OrderCommand["action"];

/** The facts of an order the lifecycle needs; the database row carries them. */
export type OrderState = {
  status: OrderStatus;
  delivery: DeliveryMethod;
  totalFen: number;
  /** What WeChat Pay confirmed; 0 until paid. */
  paidFen: number;
  /** The sum of accepted refunds, never above paidFen. */
  refundedFen: number;
  /** A shopper's open refund request, until the merchant refunds or declines. */
  refundRequested: boolean;
  tracking: Tracking | null;
};

/** The record stored for each change: what happened, between which states, by whom, why and when. */
export type OrderEvent = {
  action: OrderAction;
  from: OrderStatus;
  to: OrderStatus;
  actor: Actor;
  reason: string;
  at: Date;
  amountFen: number | null;
  tracking: Tracking | null;
};

export type TransitionRefusal =
  | { code: "illegalTransition"; action: OrderAction; status: OrderStatus }
  | { code: "notPermitted"; action: OrderAction; role: ActorRole }
  | { code: "wrongDelivery"; action: OrderAction; delivery: DeliveryMethod }
  | { code: "amountMismatch"; amountFen: number; totalFen: number }
  | { code: "refundTooLarge"; amountFen: number; refundableFen: number }
  | { code: "refundAlreadyRequested" }
  | { code: "noRefundRequest" };

export type Transition = { ok: true; order: OrderState; event: OrderEvent } | { ok: false; refusal: TransitionRefusal };

const MERCHANT: readonly ActorRole[] = ["merchantStaff", "merchantOwner"];
// A hotel stay's states after payment (checked in, a no-show, cancelled by the guest) are paid states too: the
// merchant may refund them, and the system refunds what a cancellation policy gives back. So is a takeaway that is ready.
const AFTER_PAYMENT: readonly OrderStatus[] = ["paid", "shipped", "completed", "checkedIn", "noShow", "stayCancelled", "ready"];

type Rule<Action extends OrderAction> = {
  from: readonly OrderStatus[];
  by: readonly ActorRole[];
  delivery?: DeliveryMethod;
  /** Where the action leads, and what else it changes; a refusal when the command's figures do not fit. */
  apply: (order: OrderState, command: Extract<OrderCommand, { action: Action }>) => OrderState | TransitionRefusal;
};

const TRANSITIONS: { [Action in OrderAction]: Rule<Action> } = {
  // The payment notification, or the query made when the shopper returns before it.
  pay: {
    from: ["pendingPayment"],
    by: ["paymentNotification", "system"],
    apply: (order, { amountFen }) =>
      amountFen === order.totalFen ? { ...order, status: "paid", paidFen: amountFen } : { code: "amountMismatch", amountFen, totalFen: order.totalFen },
  },
  cancel: { from: ["pendingPayment"], by: ["shopper"], apply: (order) => ({ ...order, status: "cancelled" }) },
  expire: { from: ["pendingPayment"], by: ["system"], apply: (order) => ({ ...order, status: "cancelled" }) },
  ship: { from: ["paid"], by: MERCHANT, delivery: "express", apply: (order, { tracking }) => ({ ...order, status: "shipped", tracking }) },
  // A takeaway marked ready is collected the same way.
  pickUp: { from: ["paid", "ready"], by: MERCHANT, delivery: "pickup", apply: (order) => ({ ...order, status: "completed" }) },
  // The system confirms for a shopper who never does, some days after shipping.
  confirmReceipt: { from: ["shipped"], by: ["shopper", "system"], apply: (order) => ({ ...order, status: "completed" }) },
  requestRefund: {
    from: AFTER_PAYMENT,
    by: ["shopper"],
    apply: (order) => (order.refundRequested ? { code: "refundAlreadyRequested" } : { ...order, refundRequested: true }),
  },
  declineRefund: {
    from: AFTER_PAYMENT,
    by: MERCHANT,
    apply: (order) => (order.refundRequested ? { ...order, refundRequested: false } : { code: "noRefundRequest" }),
  },
  // Partial refunds add up; the one that reaches the amount paid ends the order as refunded.
  refund: {
    from: AFTER_PAYMENT,
    by: [...MERCHANT, "system"],
    apply: (order, { amountFen }) => {
      const refundableFen = order.paidFen - order.refundedFen;
      if (amountFen > refundableFen) return { code: "refundTooLarge", amountFen, refundableFen };
      const refundedFen = order.refundedFen + amountFen;
      return { ...order, refundedFen, refundRequested: false, status: refundedFen === order.paidFen ? "refunded" : order.status };
    },
  },
  // Hotel stays: the front desk checks the guest in and out, or records that they never came (the nights stay
  // sold); the guest may cancel a paid booking, refunded by the system per the room's policy (see stays.ts).
  checkIn: { from: ["paid"], by: MERCHANT, delivery: "stay", apply: (order) => ({ ...order, status: "checkedIn" }) },
  checkOut: { from: ["checkedIn"], by: MERCHANT, delivery: "stay", apply: (order) => ({ ...order, status: "completed" }) },
  markNoShow: { from: ["paid"], by: MERCHANT, delivery: "stay", apply: (order) => ({ ...order, status: "noShow" }) },
  cancelStay: {
    from: ["paid"],
    by: ["shopper"],
    delivery: "stay",
    apply: (order, { refundFen }) => {
      const refundableFen = order.paidFen - order.refundedFen;
      return refundFen > refundableFen ? { code: "refundTooLarge", amountFen: refundFen, refundableFen } : { ...order, status: "stayCancelled" };
    },
  },
  // Takeaway: the merchant says a paid pickup order is ready; the shopper is then told to collect it.
  markReady: { from: ["paid"], by: MERCHANT, delivery: "pickup", apply: (order) => ({ ...order, status: "ready" }) },
  // Table orders. A pay-at-end tab is one order whose total grows with each round sent from the table; it is paid
  // once, through WeChat Pay (`pay`) or at the counter, where staff take the money and mark it.
  addRound: {
    from: ["pendingPayment"],
    by: ["shopper"],
    delivery: "dineIn",
    apply: (order, { amountFen }) => ({ ...order, totalFen: order.totalFen + amountFen }),
  },
  payAtCounter: {
    from: ["pendingPayment"],
    by: MERCHANT,
    delivery: "dineIn",
    apply: (order, { amountFen }) =>
      amountFen === order.totalFen ? { ...order, status: "paid", paidFen: amountFen } : { code: "amountMismatch", amountFen, totalFen: order.totalFen },
  },
};

/** The actions this actor may take on this order now: the buttons to show. */
export function availableActions(order: OrderState, role: ActorRole): OrderAction[] {
  return (Object.keys(TRANSITIONS) as OrderAction[]).filter((action) => {
    const rule = TRANSITIONS[action];
    return rule.from.includes(order.status) && rule.by.includes(role) && (rule.delivery === undefined || rule.delivery === order.delivery);
  });
}

export function transition(order: OrderState, command: OrderCommand, actor: Actor, at: Date): Transition {
  const rule = TRANSITIONS[command.action] as Rule<OrderAction>;
  const { action } = command;
  if (!rule.from.includes(order.status)) return { ok: false, refusal: { code: "illegalTransition", action, status: order.status } };
  if (!rule.by.includes(actor.role)) return { ok: false, refusal: { code: "notPermitted", action, role: actor.role } };
  if (rule.delivery !== undefined && rule.delivery !== order.delivery) return { ok: false, refusal: { code: "wrongDelivery", action, delivery: order.delivery } };
  const next = rule.apply(order, command);
  if ("code" in next) return { ok: false, refusal: next };
  const event: OrderEvent = {
    action,
    from: order.status,
    to: next.status,
    actor,
    reason: "reason" in command ? command.reason : "",
    at,
    amountFen: "amountFen" in command ? command.amountFen : "refundFen" in command ? command.refundFen : null,
    tracking: command.action === "ship" ? command.tracking : null,
  };
  return { ok: true, order: next, event };
}

const STAY_ACTIONS: readonly OrderAction[] = ["checkIn", "checkOut", "markNoShow", "cancelStay"];

const STATUS_NAMES: Record<Locale, Record<OrderStatus, string>> = {
  "zh-CN": { pendingPayment: "待付款", paid: "已付款", shipped: "已发货", completed: "已完成", cancelled: "已取消", refunded: "已退款", checkedIn: "已入住", noShow: "未到店", stayCancelled: "已取消预订", ready: "待取餐" },
  en: { pendingPayment: "awaiting payment", paid: "paid", shipped: "shipped", completed: "completed", cancelled: "cancelled", refunded: "refunded", checkedIn: "checked in", noShow: "no-show", stayCancelled: "booking cancelled", ready: "ready to collect" },
};

const ACTION_NAMES: Record<Locale, Record<OrderAction, string>> = {
  "zh-CN": {
    pay: "付款", cancel: "取消", expire: "超时关闭", ship: "发货", pickUp: "确认自提", confirmReceipt: "确认收货", requestRefund: "申请退款", declineRefund: "拒绝退款", refund: "退款",
    checkIn: "办理入住", checkOut: "办理退房", markNoShow: "标记未到店", cancelStay: "取消预订", markReady: "备好待取", addRound: "加菜", payAtCounter: "前台收款",
  },
  en: {
    pay: "Pay", cancel: "Cancel", expire: "Close as expired", ship: "Ship", pickUp: "Mark picked up", confirmReceipt: "Confirm receipt", requestRefund: "Request a refund", declineRefund: "Decline the refund", refund: "Refund",
    checkIn: "Check in", checkOut: "Check out", markNoShow: "Mark as no-show", cancelStay: "Cancel the booking", markReady: "Mark ready", addRound: "Add a round", payAtCounter: "Mark paid at the counter",
  },
};

const ROLE_NAMES: Record<Locale, Record<ActorRole, string>> = {
  "zh-CN": { shopper: "顾客", merchantStaff: "店员", merchantOwner: "店主", system: "系统", paymentNotification: "支付通知" },
  en: { shopper: "the shopper", merchantStaff: "staff", merchantOwner: "the owner", system: "the system", paymentNotification: "the payment notification" },
};

/** The status as order lists show it: a paid order waits to be shipped, or to be picked up. */
export function orderStatusName(status: OrderStatus, delivery: DeliveryMethod, locale: Locale = "zh-CN"): string {
  if (status !== "paid") return STATUS_NAMES[locale][status];
  const waiting = {
    "zh-CN": { express: "待发货", pickup: "待自提", stay: "待入住", dineIn: "已付款" },
    en: { express: "awaiting shipment", pickup: "ready for pickup", stay: "awaiting check-in", dineIn: "paid" },
  } as const;
  return waiting[locale][delivery];
}

export function transitionRefusalMessage(refusal: TransitionRefusal, locale: Locale = "zh-CN"): string {
  const zh = locale === "zh-CN";
  const status = (value: OrderStatus) => STATUS_NAMES[locale][value];
  const act = (value: OrderAction) => ACTION_NAMES[locale][value];
  switch (refusal.code) {
    case "illegalTransition":
      return zh ? `订单${status(refusal.status)}，不能${act(refusal.action)}。` : `This order is ${status(refusal.status)}: "${act(refusal.action)}" is not possible now.`;
    case "notPermitted":
      return zh ? `${ROLE_NAMES[locale][refusal.role]}不能${act(refusal.action)}。` : `"${act(refusal.action)}" is not for ${ROLE_NAMES[locale][refusal.role]}.`;
    case "wrongDelivery":
      if (refusal.delivery === "stay") return zh ? "酒店预订无需发货或自提。" : "A hotel booking is neither shipped nor picked up.";
      if (STAY_ACTIONS.includes(refusal.action)) return zh ? "只有酒店预订才能办理入住、退房或取消预订。" : "Only hotel bookings are checked in, checked out or cancelled as bookings.";
      if (refusal.action === "addRound" || refusal.action === "payAtCounter") {
        return zh ? `只有堂食订单可以${act(refusal.action)}。` : `"${act(refusal.action)}" is only for dine-in orders.`;
      }
      if (refusal.delivery === "dineIn") return zh ? "堂食订单无需发货或自提。" : "A dine-in order is neither shipped nor picked up.";
      return refusal.delivery === "pickup"
        ? zh ? "自提订单无需发货，请确认自提。" : "A pickup order is not shipped: mark it picked up."
        : zh ? "快递订单请发货，而非确认自提。" : "An express order is shipped, not picked up.";
    case "amountMismatch":
      return zh
        ? `支付金额 ¥${yuanText(refusal.amountFen)} 与订单金额 ¥${yuanText(refusal.totalFen)} 不符，需商家核对。`
        : `The amount paid, ¥${yuanText(refusal.amountFen)}, does not match the order's ¥${yuanText(refusal.totalFen)}: the merchant must check it.`;
    case "refundTooLarge":
      return zh
        ? `退款 ¥${yuanText(refusal.amountFen)} 超过可退金额 ¥${yuanText(refusal.refundableFen)}。`
        : `A refund of ¥${yuanText(refusal.amountFen)} is more than the ¥${yuanText(refusal.refundableFen)} left to refund.`;
    case "refundAlreadyRequested":
      return zh ? "已申请退款，请等待商家处理。" : "A refund is already requested; the merchant will answer it.";
    case "noRefundRequest":
      return zh ? "该订单没有待处理的退款申请。" : "This order has no open refund request.";
  }
}
