// Paying for an order with WeChat Pay: the JSAPI prepay and the signed wx.requestPayment parameters, the payment
// as WeChat Pay reports it (notification or query) applied to the order exactly once, and the query made when the
// shopper comes back before the notification. Calls to WeChat Pay run outside any transaction; what they report
// is applied in one, under the order's row lock.
import { type Database, sql, type Transaction } from "@kaidian/db";
import { WechatPayClient, type PaymentAccount, type RequestPaymentParams, type Transaction as PayTransaction } from "@kaidian/payments";
import { openPaymentAccount, paymentAccountOf, type StoredPayment } from "@kaidian/payments/server";
import type { PaymentProblem } from "../payment-problems";
import { changeOrder } from "./change-order";
import { loadOrder, type OrderRecord } from "./order-record";
import { notifyOrderPaid } from "./order-messages";
import { notifyUrl, type PaymentDeps } from "./payment-deps";
import { askRefund, newRefundNo, REFUND_ASK_LEASE_MS } from "./refunds";

export type PreparedPayment =
  | { ok: true; payment: RequestPaymentParams }
  | { ok: false; code: "order.notFound" | "order.notPayable" };

/** What a prepay needs to know of an order, its shopper and its store. */
export type PayableOrder = {
  tenantId: string;
  order: Pick<OrderRecord, "status" | "number" | "totalFen" | "paymentNo" | "expiresAt">;
  openid: string;
  storeName: string;
  account: PaymentAccount;
};

/**
 * The wx.requestPayment parameters for an unpaid order: JSAPI prepay (direct or partner) for its total, payable
 * until it expires, then signed with the store's merchant key. Asking again for the same order is the same
 * prepay at WeChat Pay, so "pay again" calls this too. PaymentsNotSetUpError when the store cannot take payment;
 * WechatPayError when WeChat Pay refuses or cannot be reached.
 */
export async function preparePayment(db: Database, input: { tenantId: string; orderId: string }, deps: PaymentDeps): Promise<PreparedPayment> {
  const found = await db.scoped({ tenantId: input.tenantId }, async (tx) => {
    const order = await tx.order.findFirst({
      where: { id: input.orderId },
      select: { status: true, number: true, totalFen: true, paymentNo: true, expiresAt: true, shopperId: true },
    });
    if (!order) return null;
    const [shopper, store] = await Promise.all([
      tx.shopper.findFirstOrThrow({ where: { id: order.shopperId }, select: { openid: true } }),
      tx.tenant.findFirstOrThrow({ where: { id: input.tenantId }, select: { name: true } }),
    ]);
    return { order, openid: shopper.openid, storeName: store.name, account: await openPaymentAccount(tx, input.tenantId, deps.masterKey, deps.provider) };
  });
  if (!found) return { ok: false, code: "order.notFound" };
  return prepay({ tenantId: input.tenantId, ...found, order: { ...found.order, status: found.order.status as OrderRecord["status"] } }, deps);
}

/** The store's name, Mini Program and payment settings as placing and paying read them (joined `tenants t`,
 * `wechat_credentials w`, `payment_settings p`). */
export type StorePaymentRow = {
  store_name: string;
  appid: string | null;
  payment_mode: string | null;
  payment_account: unknown;
  keys_ciphertext: Buffer | null;
  check_problem: string | null;
};

export function storedPaymentOf(row: StorePaymentRow): StoredPayment {
  const settings = row.payment_mode === null ? null : { mode: row.payment_mode, account: row.payment_account, keysCiphertext: row.keys_ciphertext, checkProblem: row.check_problem };
  return { settings, appid: row.appid };
}

/** What paying for a shopper's order reads, in one statement. */
type PayingRead = StorePaymentRow & {
  status: OrderRecord["status"];
  number: string;
  total_fen: number;
  payment_no: string;
  expires_at: Date;
  openid: string;
};

/**
 * preparePayment for the shopper's own order (POST /orders/:id/payment, the phone's second request of a checkout):
 * everything it needs in one plain read through pg (the order, only if it is this shopper's; their openid; the
 * store's name and payment settings), as placing reads, then the prepay. `order.notFound` for another shopper's
 * order, so nobody learns another's order exists.
 */
export async function prepareShopperPayment(db: Database, input: { tenantId: string; shopperId: string; orderId: string }, deps: PaymentDeps): Promise<PreparedPayment> {
  const { tenantId } = input;
  const [read] = await db.read<PayingRead>({ tenantId }, sql`
    SELECT o.status, o.number, o.total_fen, o.payment_no, o.expires_at, s.openid, t.name AS store_name, w.appid,
      p.mode AS payment_mode, p.account AS payment_account, p.keys_ciphertext, p.check_problem
    FROM orders o
    JOIN shoppers s ON s.tenant_id = o.tenant_id AND s.id = o.shopper_id
    JOIN tenants t ON t.id = o.tenant_id
    LEFT JOIN wechat_credentials w ON w.tenant_id = o.tenant_id
    LEFT JOIN payment_settings p ON p.tenant_id = o.tenant_id
    WHERE o.tenant_id = ${tenantId}::uuid AND o.id = ${input.orderId}::uuid AND o.shopper_id = ${input.shopperId}::uuid`);
  if (!read) return { ok: false, code: "order.notFound" };
  const order = { status: read.status, number: read.number, totalFen: read.total_fen, paymentNo: read.payment_no, expiresAt: read.expires_at };
  // Checked before the keys are opened: an order paid, cancelled or expired needs no account.
  if (order.status !== "pendingPayment" || order.expiresAt.getTime() <= Date.now()) return { ok: false, code: "order.notPayable" };
  const account = paymentAccountOf(storedPaymentOf(read), tenantId, deps.masterKey, deps.provider);
  return prepay({ tenantId, order, openid: read.openid, storeName: read.store_name, account }, deps);
}

/** preparePayment's WeChat Pay half, for a caller that has already read what it needs (placing an order). */
export async function prepay(payable: PayableOrder, deps: PaymentDeps): Promise<PreparedPayment> {
  const { order, account } = payable;
  if (order.status !== "pendingPayment" || order.expiresAt.getTime() <= Date.now()) return { ok: false, code: "order.notPayable" };
  const client = new WechatPayClient(account, deps.connection);
  const { prepayId } = await client.prepay({
    outTradeNo: order.paymentNo,
    // What the shopper's WeChat bill says; stable, since a resent prepay must match the first one exactly.
    description: `${payable.storeName}-订单${order.number}`.slice(0, 127),
    amountFen: order.totalFen,
    payerOpenid: payable.openid,
    notifyUrl: notifyUrl(deps, payable.tenantId, "payments"),
    expiresAt: order.expiresAt,
  });
  return { ok: true, payment: client.requestPaymentParams(prepayId) };
}

/** What applying a payment did, for the notification's answer and the logs. */
export type PaymentOutcome =
  | { kind: "paid"; order: OrderRecord }
  | { kind: "alreadyRecorded" }
  /** refundId: the refund recorded to give the payment back (paid after cancellation), to ask WeChat Pay for. */
  | { kind: "flagged"; problem: PaymentProblem; refundId?: string }
  | { kind: "notPaid"; state: PayTransaction["state"] }
  | { kind: "unknownOrder" };

/**
 * Applies a payment WeChat Pay reported (verified notification, or our own query) to the store's order with that
 * out_trade_no, once: the order's row is locked, a transaction already recorded changes nothing, an amount other
 * than the total flags the order instead of paying it, and money for a cancelled order is recorded, flagged and
 * given back: a refund of all of it is recorded here, for the caller to ask WeChat Pay once this commits (the
 * order timers ask if it never does).
 */
export async function applyPayment(tx: Transaction, payment: PayTransaction, at: Date = new Date()): Promise<PaymentOutcome> {
  if (payment.state !== "SUCCESS" || !payment.transactionId || payment.totalFen === undefined) return { kind: "notPaid", state: payment.state };
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM orders WHERE payment_no = ${payment.outTradeNo} FOR UPDATE`;
  if (locked.length === 0) return { kind: "unknownOrder" };
  const order = (await loadOrder(tx, locked[0]!.id))!;
  if (order.transactionId === payment.transactionId) return { kind: "alreadyRecorded" };
  const paidAt = payment.paidAt ?? at;
  const flag = async (problem: PaymentProblem): Promise<Extract<PaymentOutcome, { kind: "flagged" }>> => {
    await tx.order.updateMany({
      where: { id: order.id },
      data: { paymentProblem: problem, ...(order.transactionId ? {} : { transactionId: payment.transactionId, paidAt }), revision: { increment: 1 }, updatedAt: at },
    });
    return { kind: "flagged", problem };
  };
  if (order.status === "cancelled") {
    const flagged = await flag("paidAfterCancel");
    const refund = await tx.refund.create({
      data: {
        tenantId: order.tenantId,
        orderId: order.id,
        kind: "paidAfterCancel",
        refundNo: newRefundNo(),
        amountFen: payment.totalFen,
        reason: "订单已取消，退还付款",
        retryAt: new Date(at.getTime() + REFUND_ASK_LEASE_MS),
      },
      select: { id: true },
    });
    return { ...flagged, refundId: refund.id };
  }
  if (order.status !== "pendingPayment") return flag(`paidTwice:${payment.transactionId}`);
  // The shopper paid payer_total and coupons the rest; WeChat Pay's total is what the order is paid.
  const changed = await changeOrder(tx, { orderId: order.id, command: { action: "pay", amountFen: payment.totalFen }, actor: { role: "paymentNotification", id: null }, at });
  if (!changed.ok) {
    if ("refusal" in changed && changed.refusal.code === "amountMismatch") return flag(`amountMismatch:${payment.totalFen}`);
    throw new Error(`order ${order.id} could not be paid: ${JSON.stringify("refusal" in changed ? changed.refusal : "gone")}`);
  }
  await tx.order.updateMany({ where: { id: order.id }, data: { transactionId: payment.transactionId, paidAt } });
  return { kind: "paid", order: { ...changed.order, transactionId: payment.transactionId, paidAt } };
}

/**
 * When the shopper comes back from paying before the notification: asks WeChat Pay about the order and applies
 * what it says. The order as it now stands (unchanged when WeChat Pay has no payment yet); null when this store
 * has no such order.
 */
export async function confirmPayment(db: Database, input: { tenantId: string; orderId: string }, deps: PaymentDeps): Promise<OrderRecord | null> {
  const found = await db.scoped({ tenantId: input.tenantId }, async (tx) => {
    const order = await loadOrder(tx, input.orderId);
    if (!order || order.status !== "pendingPayment") return { order, account: null };
    return { order, account: await openPaymentAccount(tx, input.tenantId, deps.masterKey, deps.provider) };
  });
  if (!found.order || !found.account) return found.order;
  const payment = await queryPayment(found.account, deps, found.order.paymentNo);
  if (!payment) return found.order;
  const { outcome, order } = await db.scoped({ tenantId: input.tenantId }, async (tx) => ({ outcome: await applyPayment(tx, payment), order: await loadOrder(tx, input.orderId) }));
  await afterPayment(db, deps, input.tenantId, outcome);
  return order;
}

/**
 * After a payment's transaction has committed: the paid (or booking confirmed) message, when this call is the one
 * that paid the order (the notification and the confirm may both get here for one order; the message's claim sends
 * it once); or WeChat Pay asked to give back a payment the order could not take (whatever happens is on the
 * refund's row; one not accepted now is asked again by the order timers).
 */
export async function afterPayment(db: Database, deps: PaymentDeps, tenantId: string, outcome: PaymentOutcome): Promise<void> {
  if (outcome.kind === "flagged" && outcome.refundId) await askRefund(db, deps, { tenantId, refundId: outcome.refundId }).catch(() => undefined);
  if (outcome.kind !== "paid" || !deps.subscribeMessages) return;
  await notifyOrderPaid(db, deps.subscribeMessages, deps.masterKey, outcome.order);
}

/** WeChat Pay's view of the payment, or null when it has never heard of it (no prepay was made). */
export async function queryPayment(account: PaymentAccount, deps: PaymentDeps, paymentNo: string): Promise<PayTransaction | null> {
  try {
    return await new WechatPayClient(account, deps.connection).queryOrder(paymentNo);
  } catch (error) {
    if (error instanceof Error && "kind" in error && error.kind === "orderNotFound") return null;
    throw error;
  }
}
