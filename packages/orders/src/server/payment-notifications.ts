// WeChat Pay's notifications for one store (its URL names the store): verified with the keys of the account the
// store is paid through, then applied once. The answer tells WeChat Pay whether to send it again: a refused
// (forged, stale, unverifiable) one gets 401 FAIL; one about an order or refund this store does not have gets
// 404 FAIL, so WeChat Pay keeps retrying while nobody has claimed it; everything else 204, repeats included.
import type { Database } from "@kaidian/db";
import { PaymentsNotSetUpError, verifyNotification, type NotificationRequest, type VerifiedNotification } from "@kaidian/payments";
import { openPaymentAccount } from "@kaidian/payments/server";
import { afterPayment, applyPayment, type PaymentOutcome } from "./payment";
import type { PaymentDeps } from "./payment-deps";
import { applyRefund, type RefundOutcome } from "./refunds";

export type NotificationAnswer = { status: 204 | 401 | 404; body?: { code: "FAIL"; message: string } };

/** What happened, for the route's log line: never a key, never the decrypted resource in full. */
export type NotificationReport =
  | { event: "refused"; refusal: string; detail: string }
  | { event: "notSetUp" }
  | { event: "otherMerchant"; id: string; mchid: string | undefined }
  | { event: "payment"; id: string; outTradeNo: string; outcome: PaymentOutcome["kind"]; problem?: string }
  | { event: "refund"; id: string; outRefundNo: string; outcome: RefundOutcome["kind"] };

export async function handleNotification(
  db: Database,
  tenantId: string,
  request: NotificationRequest,
  deps: PaymentDeps,
): Promise<{ answer: NotificationAnswer; report: NotificationReport }> {
  const account = await db.scoped({ tenantId }, (tx) => openPaymentAccount(tx, tenantId, deps.masterKey, deps.provider)).catch((error: unknown) => {
    if (error instanceof PaymentsNotSetUpError) return null;
    throw error;
  });
  // Nothing here can verify it: refused like a forgery, and resent until the store's settings are back.
  if (!account) return { answer: fail(401, "payments not set up"), report: { event: "notSetUp" } };
  const verified = verifyNotification(request, account.merchant);
  if (!verified.ok) return { answer: fail(401, verified.refusal), report: { event: "refused", refusal: verified.refusal, detail: verified.detail } };
  const notification = verified.notification;
  // Partner mode: the provider's key verifies every sub-merchant's notifications, so the merchant must be this store's.
  const storeMchid = account.mode === "direct" ? account.merchant.mchid : account.subMchid;
  const mchid = notification.kind === "payment" ? notification.transaction.mchid : undefined;
  if (mchid !== undefined && mchid !== storeMchid) return { answer: fail(404, "not this store's merchant"), report: { event: "otherMerchant", id: notification.id, mchid } };
  return apply(db, tenantId, notification, deps);
}

async function apply(db: Database, tenantId: string, notification: VerifiedNotification, deps: PaymentDeps): Promise<{ answer: NotificationAnswer; report: NotificationReport }> {
  if (notification.kind === "payment") {
    const outcome = await db.scoped({ tenantId }, (tx) => applyPayment(tx, notification.transaction));
    await afterPayment(db, deps, tenantId, outcome);
    const report: NotificationReport = {
      event: "payment",
      id: notification.id,
      outTradeNo: notification.transaction.outTradeNo,
      outcome: outcome.kind,
      ...(outcome.kind === "flagged" ? { problem: outcome.problem } : {}),
    };
    return { answer: outcome.kind === "unknownOrder" ? fail(404, "unknown order") : { status: 204 }, report };
  }
  const outcome = await db.scoped({ tenantId }, (tx) => applyRefund(tx, notification.refund));
  const report: NotificationReport = { event: "refund", id: notification.id, outRefundNo: notification.refund.outRefundNo, outcome: outcome.kind };
  return { answer: outcome.kind === "unknownRefund" ? fail(404, "unknown refund") : { status: 204 }, report };
}

const fail = (status: 401 | 404, message: string): NotificationAnswer => ({ status, body: { code: "FAIL", message } });
