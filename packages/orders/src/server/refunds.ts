// Refunds by the merchant, full or partial. Asking is recorded first (a refunds row with an out_refund_no unique
// across stores), then WeChat Pay is asked outside any transaction; its refund notification (or an immediate
// SUCCESS) settles the row and records the refund on the order through the lifecycle, once. What is still being
// refunded counts against what may be refunded, so two refunds asked at once cannot exceed what was paid.
import { randomBytes } from "node:crypto";
import type { Database, Transaction } from "@kaidian/db";
import { WechatPayClient, WechatPayError, type PaymentErrorKind, type Refund as PayRefund } from "@kaidian/payments";
import { openPaymentAccount } from "@kaidian/payments/server";
import { transition, type Actor, type TransitionRefusal } from "../lifecycle";
import { changeOrder } from "./change-order";
import { loadOrder } from "./order-record";
import { notifyUrl, type PaymentDeps } from "./payment-deps";
import { releaseStock } from "./stock";

export type RefundStatus = "processing" | "success" | "closed" | "abnormal";

export type RefundView = { id: string; refundNo: string; amountFen: number; status: RefundStatus; problem: string | null };

export type RefundOrderInput = {
  tenantId: string;
  orderId: string;
  amountFen: number;
  reason: string;
  /** Put the order's reserved stock back; only for a refund of everything still refundable. */
  restock: boolean;
  /** The merchant asking: merchantOwner or merchantStaff, with their user id; or the system for a policy refund. */
  actor: Actor;
};

export type RefundOrderResult =
  | { ok: true; refund: RefundView }
  | { ok: false; notFound: true }
  | { ok: false; refusal: TransitionRefusal | { code: "restockPartial" } }
  /** WeChat Pay refused (or could not be reached): `kind` has zh-CN/en words in paymentErrorMessage. */
  | { ok: false; refund: RefundView; wechatPay: PaymentErrorKind };

export async function refundOrder(db: Database, input: RefundOrderInput, deps: PaymentDeps): Promise<RefundOrderResult> {
  const asked = await db.scoped({ tenantId: input.tenantId }, async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM orders WHERE id = ${input.orderId}::uuid FOR UPDATE`;
    if (locked.length === 0) return { ok: false as const, notFound: true as const };
    const order = (await loadOrder(tx, input.orderId))!;
    const pending = await tx.refund.aggregate({ where: { orderId: order.id, status: { in: ["processing", "abnormal"] } }, _sum: { amountFen: true } });
    const inFlight = pending._sum.amountFen ?? 0;
    // The lifecycle decides, as if the refunds still in flight had gone through.
    const checked = transition(
      { ...order, refundedFen: order.refundedFen + inFlight },
      { action: "refund", amountFen: input.amountFen, reason: input.reason },
      input.actor,
      new Date(),
    );
    if (!checked.ok) return { ok: false as const, refusal: checked.refusal };
    if (input.restock && order.refundedFen + inFlight + input.amountFen !== order.paidFen) return { ok: false as const, refusal: { code: "restockPartial" as const } };
    const refund = await tx.refund.create({
      data: {
        tenantId: input.tenantId,
        orderId: order.id,
        refundNo: `RF${randomBytes(15).toString("hex")}`,
        amountFen: input.amountFen,
        reason: input.reason,
        restock: input.restock,
        requestedById: input.actor.id,
      },
    });
    return { ok: true as const, order, refund, account: await openPaymentAccount(tx, input.tenantId, deps.masterKey, deps.provider) };
  });
  if (!asked.ok) return asked;
  const { order, refund, account } = asked;

  let answer: PayRefund;
  try {
    answer = await new WechatPayClient(account, deps.connection).refund({
      outTradeNo: order.paymentNo,
      outRefundNo: refund.refundNo,
      refundFen: refund.amountFen,
      totalFen: order.paidFen,
      reason: refund.reason.slice(0, 80),
      notifyUrl: notifyUrl(deps, input.tenantId, "refunds"),
    });
  } catch (error) {
    if (!(error instanceof WechatPayError)) throw error;
    // A refusal ends the refund; no answer at all may still have reached WeChat Pay, so the refund stays in flight
    // (its notification, or the same out_refund_no asked again, settles it).
    const view = await db.scoped({ tenantId: input.tenantId }, async (tx) => {
      const updated = await tx.refund.update({
        where: { tenantId_id: { tenantId: input.tenantId, id: refund.id } },
        data: { problem: error.kind, ...(error.transient ? {} : { status: "closed", settledAt: new Date() }) },
      });
      return refundView(updated);
    });
    return { ok: false, refund: view, wechatPay: error.kind };
  }
  const settled = await db.scoped({ tenantId: input.tenantId }, async (tx) => {
    await tx.refund.updateMany({ where: { id: refund.id, wechatRefundId: null }, data: { wechatRefundId: answer.refundId } });
    if (answer.state !== "PROCESSING") await applyRefund(tx, answer);
    return refundView(await tx.refund.findFirstOrThrow({ where: { id: refund.id } }));
  });
  return { ok: true, refund: settled };
}

export type RefundOutcome = { kind: "settled" } | { kind: "alreadySettled" } | { kind: "failed" } | { kind: "processing" } | { kind: "unknownRefund" } | { kind: "refused"; refusal: string };

const FINAL: Record<PayRefund["state"], RefundStatus | null> = { SUCCESS: "success", CLOSED: "closed", ABNORMAL: "abnormal", PROCESSING: null };

/**
 * Applies a refund's result from WeChat Pay (notification or answer) to the store's refund with that out_refund_no,
 * once: one conditional UPDATE moves the row out of processing, and only the statement that did it records the
 * refund on the order (and puts stock back when the merchant chose to).
 */
export async function applyRefund(tx: Transaction, result: PayRefund, at: Date = new Date()): Promise<RefundOutcome> {
  const status = FINAL[result.state];
  const row = await tx.refund.findFirst({ where: { refundNo: result.outRefundNo } });
  if (!row) return { kind: "unknownRefund" };
  if (!status) return { kind: "processing" };
  const moved = await tx.refund.updateMany({
    where: { id: row.id, status: { in: ["processing", "abnormal"] } },
    data: { status, wechatRefundId: result.refundId, settledAt: status === "abnormal" ? null : (result.refundedAt ?? at), ...(status === "success" ? { problem: null } : { problem: result.state }) },
  });
  if (moved.count === 0) return { kind: "alreadySettled" };
  if (status !== "success") return { kind: "failed" };
  // No one asked: the system refunded what a hotel booking's cancellation policy gives back.
  const member = row.requestedById ? await tx.tenantMember.findFirst({ where: { userId: row.requestedById }, select: { role: true } }) : null;
  const actor: Actor = row.requestedById ? { role: member?.role === "OWNER" ? "merchantOwner" : "merchantStaff", id: row.requestedById } : { role: "system", id: null };
  const changed = await changeOrder(tx, { orderId: row.orderId, command: { action: "refund", amountFen: row.amountFen, reason: row.reason }, actor, at });
  if (!changed.ok) {
    // WeChat Pay refunded, the order cannot record it (it changed meanwhile): the merchant must look.
    const refusal = "refusal" in changed ? changed.refusal.code : "orderGone";
    await tx.refund.updateMany({ where: { id: row.id }, data: { problem: refusal } });
    return { kind: "refused", refusal };
  }
  if (row.restock) {
    for (const line of changed.order.lines) if (line.stockReserved) await releaseStock(tx, line);
  }
  return { kind: "settled" };
}

function refundView(row: { id: string; refundNo: string; amountFen: number; status: string; problem: string | null }): RefundView {
  return { id: row.id, refundNo: row.refundNo, amountFen: row.amountFen, status: row.status as RefundStatus, problem: row.problem };
}
