// Refunds by the merchant, full or partial, and the system's (a booking's policy refund). Asking is recorded first
// (a refunds row with an out_refund_no unique across stores), then WeChat Pay is asked outside any transaction; its
// refund notification (or an immediate SUCCESS) settles the row and records the refund on the order through the
// lifecycle, once. What is still being refunded counts against what may be refunded, so two refunds asked at once
// cannot exceed what was paid. A refund WeChat Pay has not accepted is asked again by the order timers, with the
// same out_refund_no, until it is.
import { randomBytes } from "node:crypto";
import type { Database, Transaction } from "@kaidian/db";
import { type PaymentAccount, PaymentsNotSetUpError, WechatPayClient, WechatPayError, type PaymentErrorKind, type Refund as PayRefund } from "@kaidian/payments";
import { openPaymentAccount } from "@kaidian/payments/server";
import { transition, type Actor, type TransitionRefusal } from "../lifecycle";
import { refundableThroughWechat } from "../table-orders";
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
  | { ok: false; refusal: TransitionRefusal | { code: "restockPartial" } | { code: "paidAtCounter" } }
  /** WeChat Pay refused (or could not be reached): `kind` has zh-CN/en words in paymentErrorMessage. */
  | { ok: false; refund: RefundView; wechatPay: PaymentErrorKind };

/** An out_refund_no: unique across stores, within WeChat Pay's 64 characters. */
export const newRefundNo = () => `RF${randomBytes(15).toString("hex")}`;

/** How long a refund just recorded waits before the order timers treat it as never asked (its process died). */
export const REFUND_ASK_LEASE_MS = 60_000;

export type RecordedRefund =
  | { ok: true; refund: { id: string } }
  | { ok: false; notFound: true }
  | { ok: false; refusal: TransitionRefusal | { code: "restockPartial" } | { code: "paidAtCounter" } };

/**
 * Records a refund in the caller's transaction, before WeChat Pay is asked: the lifecycle decides on the order's
 * locked row, as if the refunds still in flight had gone through. The row is due at the order timers a little
 * later, so a process that dies before asking (or after a failed ask) never leaves the refund unasked.
 */
export async function recordRefund(tx: Transaction, input: RefundOrderInput): Promise<RecordedRefund> {
  const at = new Date();
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM orders WHERE id = ${input.orderId}::uuid FOR UPDATE`;
  if (locked.length === 0) return { ok: false, notFound: true };
  const order = (await loadOrder(tx, input.orderId))!;
  const pending = await tx.refund.aggregate({ where: { orderId: order.id, kind: "order", status: { in: ["processing", "abnormal"] } }, _sum: { amountFen: true } });
  const inFlight = pending._sum.amountFen ?? 0;
  const checked = transition({ ...order, refundedFen: order.refundedFen + inFlight }, { action: "refund", amountFen: input.amountFen, reason: input.reason }, input.actor, at);
  if (!checked.ok) return { ok: false, refusal: checked.refusal };
  // Money taken at the counter never went through WeChat Pay, which could not give it back.
  if (!refundableThroughWechat(order)) return { ok: false, refusal: { code: "paidAtCounter" } };
  if (input.restock && order.refundedFen + inFlight + input.amountFen !== order.paidFen) return { ok: false, refusal: { code: "restockPartial" } };
  const refund = await tx.refund.create({
    data: {
      tenantId: input.tenantId,
      orderId: order.id,
      refundNo: newRefundNo(),
      amountFen: input.amountFen,
      reason: input.reason,
      restock: input.restock,
      requestedById: input.actor.id,
      retryAt: new Date(at.getTime() + REFUND_ASK_LEASE_MS),
    },
    select: { id: true },
  });
  return { ok: true, refund };
}

export async function refundOrder(db: Database, input: RefundOrderInput, deps: PaymentDeps): Promise<RefundOrderResult> {
  const recorded = await db.scoped({ tenantId: input.tenantId }, async (tx) => {
    const refund = await recordRefund(tx, input);
    // A store that cannot take payment cannot refund either: PaymentsNotSetUpError, and nothing stays recorded.
    if (refund.ok) await openPaymentAccount(tx, input.tenantId, deps.masterKey, deps.provider);
    return refund;
  });
  if (!recorded.ok) return recorded;
  return askRefund(db, deps, { tenantId: input.tenantId, refundId: recorded.refund.id });
}

export type RefundRetryOptions = {
  /** The first pause after a failed ask; each further one doubles, up to `maxRetryMs`. */
  retryBaseMs?: number;
  maxRetryMs?: number;
};

/**
 * Asks WeChat Pay for a recorded refund, outside any transaction, always with the refund's own out_refund_no: asked
 * again, WeChat Pay answers the refund it already made rather than making a second. An answer settles the row (or
 * leaves it to the refund notification). No answer keeps it in flight, due again after a growing pause; so does a
 * refusal of a refund nobody asked for by hand (a booking's policy refund: the guest is owed it, WeChat Pay may
 * refuse only for now, e.g. the merchant's balance), while a merchant's own refused refund ends, for them to see.
 */
export async function askRefund(db: Database, deps: PaymentDeps, input: { tenantId: string; refundId: string }, options: RefundRetryOptions = {}): Promise<Exclude<RefundOrderResult, { ok: false; notFound: true } | { ok: false; refusal: unknown }>> {
  const { tenantId } = input;
  const where = { tenantId_id: { tenantId, id: input.refundId } };
  const found = await db.scoped({ tenantId }, async (tx) => {
    const refund = await tx.refund.findUniqueOrThrow({ where });
    const order = await tx.order.findFirstOrThrow({ where: { id: refund.orderId }, select: { paymentNo: true, paidFen: true } });
    const account = await openPaymentAccount(tx, tenantId, deps.masterKey, deps.provider).catch((error: unknown) => error);
    return { refund, order, account };
  });
  const { refund, order, account } = found;
  const retryBaseMs = options.retryBaseMs ?? 30_000;
  const pause = Math.min(retryBaseMs * 2 ** Math.max(refund.attempts - 1, 0), options.maxRetryMs ?? 6 * 3600_000);

  let answer: PayRefund;
  try {
    if (account instanceof Error) throw account;
    answer = await new WechatPayClient(account as PaymentAccount, deps.connection).refund({
      outTradeNo: order.paymentNo,
      outRefundNo: refund.refundNo,
      refundFen: refund.amountFen,
      // A payment taken after cancellation is a whole payment of its own that the order never counted.
      totalFen: refund.kind === "paidAfterCancel" ? refund.amountFen : order.paidFen,
      reason: refund.reason.slice(0, 80),
      notifyUrl: notifyUrl(deps, tenantId, "refunds"),
    });
  } catch (error) {
    if (!(error instanceof WechatPayError) && !(error instanceof PaymentsNotSetUpError)) throw error;
    const kind: PaymentErrorKind = error instanceof WechatPayError ? error.kind : "merchantNotFound";
    const keepAsking = (error instanceof WechatPayError && error.transient) || refund.requestedById === null;
    const view = await db.scoped({ tenantId }, async (tx) => {
      await tx.refund.updateMany({
        where: { id: refund.id, status: "processing" },
        data: keepAsking ? { problem: kind, retryAt: new Date(Date.now() + pause) } : { problem: kind, status: "closed", settledAt: new Date(), retryAt: null },
      });
      return refundView(await tx.refund.findUniqueOrThrow({ where }));
    });
    return { ok: false, refund: view, wechatPay: kind };
  }
  const settled = await db.scoped({ tenantId }, async (tx) => {
    // Accepted: the notification (or this answer) settles it from here.
    await tx.refund.updateMany({ where: { id: refund.id }, data: { retryAt: null, ...(refund.wechatRefundId ? {} : { wechatRefundId: answer.refundId }) } });
    if (answer.state !== "PROCESSING") await applyRefund(tx, answer);
    return refundView(await tx.refund.findUniqueOrThrow({ where }));
  });
  return { ok: true, refund: settled };
}

/**
 * The order timers' refunds: every refund due again (never asked, or asked without an answer WeChat Pay accepted)
 * is claimed by one conditional UPDATE (its next time pushed on, as a lease, so another worker skips it) and asked
 * again. Returns how many WeChat Pay accepted.
 */
export async function retryDueRefunds(db: Database, deps: PaymentDeps, options: RefundRetryOptions & { batch?: number; log?: (line: string) => void } = {}): Promise<number> {
  const due = await db.orderTimers((tx) =>
    tx.$queryRaw<{ tenant_id: string; id: string }[]>`SELECT tenant_id, id FROM refunds WHERE status = 'processing' AND retry_at <= now() ORDER BY retry_at LIMIT ${options.batch ?? 100}`,
  );
  let accepted = 0;
  for (const { tenant_id: tenantId, id } of due) {
    const claimed = await db.scoped({ tenantId }, (tx) =>
      tx.refund.updateMany({
        where: { id, status: "processing", retryAt: { lte: new Date() } },
        data: { retryAt: new Date(Date.now() + (options.retryBaseMs ?? 30_000)), attempts: { increment: 1 } },
      }),
    );
    if (claimed.count === 0) continue;
    const asked = await askRefund(db, deps, { tenantId, refundId: id }, options);
    if (asked.ok) accepted++;
    else options.log?.(`refund ${id} not accepted by WeChat Pay (${asked.wechatPay}); asking again later`);
  }
  return accepted;
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
  // The order never counted this payment as paid: nothing on it changes, its refund row is the record.
  if (row.kind === "paidAfterCancel") return { kind: "settled" };
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
