import { describe, expect, it } from "vitest";
import {
  ACTOR_ROLES,
  ORDER_STATUSES,
  availableActions,
  orderCommandSchema,
  orderStatusName,
  transition,
  transitionRefusalMessage,
  type Actor,
  type ActorRole,
  type OrderCommand,
  type OrderCommandInput,
  type OrderState,
  type TransitionRefusal,
} from "./lifecycle";

const at = new Date("2026-12-03T02:00:00Z");
const shopper: Actor = { role: "shopper", id: "shopper-1" };
const staff: Actor = { role: "merchantStaff", id: "account-2" };
const owner: Actor = { role: "merchantOwner", id: "account-1" };
const system: Actor = { role: "system", id: null };
const notification: Actor = { role: "paymentNotification", id: null };

const placed = (delivery: OrderState["delivery"] = "express"): OrderState => ({
  status: "pendingPayment",
  delivery,
  totalFen: 18450,
  paidFen: 0,
  refundedFen: 0,
  refundRequested: false,
  tracking: null,
});

const command = (input: OrderCommandInput): OrderCommand => orderCommandSchema.parse(input);

/** Applies steps in turn, failing loudly on a refusal, and returns the final state and every event. */
function run(order: OrderState, ...steps: [OrderCommandInput, Actor][]) {
  const events = [];
  let current = order;
  for (const [input, actor] of steps) {
    const result = transition(current, command(input), actor, at);
    if (!result.ok) throw new Error(`${input.action}: ${transitionRefusalMessage(result.refusal, "en")}`);
    current = result.order;
    events.push(result.event);
  }
  return { order: current, events };
}

function refusalOf(order: OrderState, input: OrderCommandInput, actor: Actor): TransitionRefusal {
  const result = transition(order, command(input), actor, at);
  if (result.ok) throw new Error(`expected ${input.action} to be refused`);
  return result.refusal;
}

const tracking = { company: "顺丰速运", number: "SF1234567890" };

describe("the order lifecycle", () => {
  it("goes pending payment → paid → shipped → completed, recording each step with who, why and when", () => {
    const { order, events } = run(
      placed(),
      [{ action: "pay", amountFen: 18450 }, notification],
      [{ action: "ship", tracking }, staff],
      [{ action: "confirmReceipt" }, shopper],
    );
    expect(order).toEqual({ ...placed(), status: "completed", paidFen: 18450, tracking });
    expect(events).toEqual([
      { action: "pay", from: "pendingPayment", to: "paid", actor: notification, reason: "", at, amountFen: 18450, tracking: null },
      { action: "ship", from: "paid", to: "shipped", actor: staff, reason: "", at, amountFen: null, tracking },
      { action: "confirmReceipt", from: "shipped", to: "completed", actor: shopper, reason: "", at, amountFen: null, tracking: null },
    ]);
  });

  it("completes a pickup order when the merchant marks it picked up, and never ships it", () => {
    const paid = run(placed("pickup"), [{ action: "pay", amountFen: 18450 }, system]).order;
    expect(refusalOf(paid, { action: "ship", tracking }, staff)).toEqual({ code: "wrongDelivery", action: "ship", delivery: "pickup" });
    expect(run(paid, [{ action: "pickUp" }, owner]).events[0]).toMatchObject({ action: "pickUp", from: "paid", to: "completed", actor: owner });
    const expressPaid = run(placed(), [{ action: "pay", amountFen: 18450 }, system]).order;
    expect(refusalOf(expressPaid, { action: "pickUp" }, staff)).toEqual({ code: "wrongDelivery", action: "pickUp", delivery: "express" });
    expect(transitionRefusalMessage({ code: "wrongDelivery", action: "ship", delivery: "pickup" })).toBe("自提订单无需发货，请确认自提。");
  });

  it("is cancelled before payment by the shopper, with the reason, or by expiry; not after payment", () => {
    expect(run(placed(), [{ action: "cancel", reason: "拍错了" }, shopper]).events[0]).toMatchObject({ to: "cancelled", reason: "拍错了", actor: shopper });
    expect(run(placed(), [{ action: "expire" }, system]).order.status).toBe("cancelled");
    const paid = run(placed(), [{ action: "pay", amountFen: 18450 }, notification]).order;
    const refusal = refusalOf(paid, { action: "cancel" }, shopper);
    expect(refusal).toEqual({ code: "illegalTransition", action: "cancel", status: "paid" });
    expect(transitionRefusalMessage(refusal)).toBe("订单已付款，不能取消。");
    expect(transitionRefusalMessage(refusal, "en")).toBe('This order is paid: "Cancel" is not possible now.');
    // Expiry cannot close a paid order, whatever the timer thinks.
    expect(refusalOf(paid, { action: "expire" }, system)).toEqual({ code: "illegalTransition", action: "expire", status: "paid" });
  });

  it("refuses a payment whose amount differs from the order's, so it is flagged rather than marked paid", () => {
    const refusal = refusalOf(placed(), { action: "pay", amountFen: 1 }, notification);
    expect(refusal).toEqual({ code: "amountMismatch", amountFen: 1, totalFen: 18450 });
    expect(transitionRefusalMessage(refusal)).toBe("支付金额 ¥0.01 与订单金额 ¥184.50 不符，需商家核对。");
  });

  it("counts a repeated payment notification once: the second is refused from paid", () => {
    const paid = run(placed(), [{ action: "pay", amountFen: 18450 }, notification]).order;
    expect(refusalOf(paid, { action: "pay", amountFen: 18450 }, notification)).toEqual({ code: "illegalTransition", action: "pay", status: "paid" });
  });

  it("accumulates partial refunds up to the amount paid; the one that reaches it ends in refunded", () => {
    const shipped = run(placed(), [{ action: "pay", amountFen: 18450 }, notification], [{ action: "ship", tracking }, staff]).order;
    const { order, events } = run(
      shipped,
      [{ action: "refund", amountFen: 5000, reason: "少发一件" }, staff],
      [{ action: "refund", amountFen: 3450, reason: "运费补偿" }, owner],
    );
    expect(order).toMatchObject({ status: "shipped", refundedFen: 8450 });
    expect(events.map(({ from, to, amountFen, reason }) => ({ from, to, amountFen, reason }))).toEqual([
      { from: "shipped", to: "shipped", amountFen: 5000, reason: "少发一件" },
      { from: "shipped", to: "shipped", amountFen: 3450, reason: "运费补偿" },
    ]);
    const tooMuch = refusalOf(order, { action: "refund", amountFen: 10_001, reason: "全部退" }, owner);
    expect(tooMuch).toEqual({ code: "refundTooLarge", amountFen: 10_001, refundableFen: 10_000 });
    expect(transitionRefusalMessage(tooMuch)).toBe("退款 ¥100.01 超过可退金额 ¥100.00。");
    const last = run(order, [{ action: "refund", amountFen: 10_000, reason: "全部退" }, owner]);
    expect(last.order).toMatchObject({ status: "refunded", refundedFen: 18450 });
    expect(last.events[0]).toMatchObject({ from: "shipped", to: "refunded" });
    expect(refusalOf(last.order, { action: "refund", amountFen: 1, reason: "再退" }, owner)).toEqual({ code: "illegalTransition", action: "refund", status: "refunded" });
  });

  it("never refunds an unpaid order", () => {
    expect(refusalOf(placed(), { action: "refund", amountFen: 100, reason: "退" }, owner)).toEqual({ code: "illegalTransition", action: "refund", status: "pendingPayment" });
  });

  it("lets a shopper ask for a refund once, which the merchant refunds or declines", () => {
    const paid = run(placed(), [{ action: "pay", amountFen: 18450 }, notification]).order;
    const asked = run(paid, [{ action: "requestRefund", reason: "不想要了" }, shopper]);
    expect(asked.order).toMatchObject({ status: "paid", refundRequested: true });
    expect(asked.events[0]).toMatchObject({ action: "requestRefund", from: "paid", to: "paid", reason: "不想要了", actor: shopper });
    expect(refusalOf(asked.order, { action: "requestRefund", reason: "再问一次" }, shopper)).toEqual({ code: "refundAlreadyRequested" });

    expect(run(asked.order, [{ action: "declineRefund", reason: "已发货" }, staff]).order).toMatchObject({ refundRequested: false, status: "paid" });
    expect(run(asked.order, [{ action: "refund", amountFen: 18450, reason: "同意退款" }, staff]).order).toMatchObject({ refundRequested: false, status: "refunded" });
    expect(refusalOf(paid, { action: "declineRefund", reason: "无" }, staff)).toEqual({ code: "noRefundRequest" });
  });

  it("lets each action be taken only by those it names", () => {
    const paid = run(placed(), [{ action: "pay", amountFen: 18450 }, notification]).order;
    const refusal = refusalOf(paid, { action: "refund", amountFen: 100, reason: "自己退" }, shopper);
    expect(refusal).toEqual({ code: "notPermitted", action: "refund", role: "shopper" });
    expect(transitionRefusalMessage(refusal)).toBe("顾客不能退款。");
    expect(transitionRefusalMessage(refusal, "en")).toBe('"Refund" is not for the shopper.');
    expect(refusalOf(placed(), { action: "pay", amountFen: 18450 }, shopper)).toEqual({ code: "notPermitted", action: "pay", role: "shopper" });
    expect(refusalOf(placed(), { action: "cancel" }, staff)).toEqual({ code: "notPermitted", action: "cancel", role: "merchantStaff" });
    expect(refusalOf(paid, { action: "ship", tracking }, shopper)).toEqual({ code: "notPermitted", action: "ship", role: "shopper" });
    expect(refusalOf(placed(), { action: "expire" }, shopper)).toEqual({ code: "notPermitted", action: "expire", role: "shopper" });
  });

  it("offers each role exactly the actions it may take in each state", () => {
    const paid = run(placed(), [{ action: "pay", amountFen: 18450 }, notification]).order;
    expect(availableActions(placed(), "shopper")).toEqual(["cancel"]);
    expect(availableActions(placed(), "system")).toEqual(["pay", "expire"]);
    expect(availableActions(paid, "merchantStaff")).toEqual(["ship", "declineRefund", "refund"]);
    expect(availableActions({ ...paid, delivery: "pickup" }, "merchantOwner")).toEqual(["pickUp", "declineRefund", "refund", "markReady"]);
    expect(availableActions({ ...paid, delivery: "pickup", status: "ready" }, "merchantStaff")).toEqual(["pickUp", "declineRefund", "refund"]);
    expect(availableActions(paid, "shopper")).toEqual(["requestRefund"]);
    expect(availableActions({ ...paid, status: "cancelled" }, "merchantOwner")).toEqual([]);
  });

  it("agrees with transition for every state, role and action: an offered action is never refused for its state or role", () => {
    const samples: OrderCommandInput[] = [
      { action: "pay", amountFen: 18450 },
      { action: "cancel" },
      { action: "expire" },
      { action: "ship", tracking },
      { action: "pickUp" },
      { action: "confirmReceipt" },
      { action: "requestRefund", reason: "坏了" },
      { action: "declineRefund", reason: "没坏" },
      { action: "refund", amountFen: 100, reason: "补偿" },
      { action: "markReady" },
    ];
    for (const status of ORDER_STATUSES) {
      for (const role of ACTOR_ROLES as readonly ActorRole[]) {
        for (const delivery of ["express", "pickup"] as const) {
          const order: OrderState = { ...placed(delivery), status, paidFen: status === "pendingPayment" ? 0 : 18450, refundRequested: true };
          const offered = availableActions(order, role);
          for (const sample of samples) {
            const result = transition(order, command(sample), { role, id: null }, at);
            const refusedForRule = !result.ok && ["illegalTransition", "notPermitted", "wrongDelivery"].includes(result.refusal.code);
            expect(refusedForRule, `${status} ${role} ${delivery} ${sample.action}`).toBe(!offered.includes(sample.action));
          }
        }
      }
    }
  });

  it("names a paid order by what it waits for", () => {
    expect(orderStatusName("paid", "express")).toBe("待发货");
    expect(orderStatusName("paid", "pickup")).toBe("待自提");
    expect(orderStatusName("paid", "pickup", "en")).toBe("ready for pickup");
    expect(orderStatusName("pendingPayment", "pickup")).toBe("待付款");
    expect(orderStatusName("refunded", "express", "en")).toBe("refunded");
  });

  it("refuses tracking that is not a tracking number, and a refund without a reason, at the schema", () => {
    expect(orderCommandSchema.safeParse({ action: "ship", tracking: { company: "顺丰", number: "<b>" } }).success).toBe(false);
    expect(orderCommandSchema.safeParse({ action: "ship", tracking: { company: "", number: "SF123456" } }).success).toBe(false);
    expect(orderCommandSchema.safeParse({ action: "refund", amountFen: 100, reason: "" }).success).toBe(false);
    expect(orderCommandSchema.safeParse({ action: "refund", amountFen: 1.5, reason: "半分" }).success).toBe(false);
    expect(orderCommandSchema.safeParse({ action: "refund", amountFen: 0, reason: "零" }).success).toBe(false);
  });
});
