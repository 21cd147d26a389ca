// The order timers, run by the workers: unpaid orders past their time are expired (stock back) and closed at
// WeChat Pay; shipping information due to WeChat is uploaded, and retried with growing pauses until accepted, so
// the merchant's funds are released; refunds WeChat Pay has not accepted are asked again (refunds.ts). Due orders are found across stores as the workers' role (policy
// order_timers: it sees only due rows); each order is then changed in its own store's scope. Any number of workers
// may run: the lifecycle refuses a second expiry, and an upload is claimed by one conditional UPDATE.
import type { Database, Transaction } from "@kaidian/db";
import { WechatPayClient, WechatPayError } from "@kaidian/payments";
import { openPaymentAccount } from "@kaidian/payments/server";
import { openAppSecret, type MiniProgramServerApi, type ShippingUpload } from "@kaidian/wechat/server-api";
import type { Tracking } from "../lifecycle";
import { changeOrder } from "./change-order";
import { loadOrder } from "./order-record";
import { applyPayment, queryPayment } from "./payment";
import type { PaymentDeps } from "./payment-deps";
import { retryDueRefunds } from "./refunds";

type Due = { tenant_id: string; id: string };
type Log = (line: string) => void;

export type OrderTimerOptions = {
  /** How many due orders one round takes on. */
  batch?: number;
  /** The first pause after a refused upload; each further one doubles, up to `maxRetryMs`. */
  retryBaseMs?: number;
  maxRetryMs?: number;
  log?: Log;
};

/** Expires unpaid orders whose time is up, then closes each at WeChat Pay. Returns how many it expired. */
export async function expireDueOrders(db: Database, deps: PaymentDeps, options: OrderTimerOptions = {}): Promise<number> {
  const log = options.log ?? (() => {});
  const due = await db.orderTimers((tx) =>
    tx.$queryRaw<Due[]>`SELECT tenant_id, id FROM orders WHERE status = 'pendingPayment' AND expires_at <= now() ORDER BY expires_at LIMIT ${options.batch ?? 100}`,
  );
  let expired = 0;
  for (const order of due) {
    const result = await db.scoped({ tenantId: order.tenant_id }, async (tx) => {
      const changed = await changeOrder(tx, { orderId: order.id, command: { action: "expire" }, actor: { role: "system", id: null } });
      if (!changed.ok) return null;
      return { paymentNo: changed.order.paymentNo, account: await openPaymentAccount(tx, order.tenant_id, deps.masterKey, deps.provider).catch(() => null) };
    });
    if (!result) continue; // another worker, or the payment, came first
    expired++;
    if (result.account) await closeAtWechat(db, deps, order.tenant_id, result.paymentNo, result.account, log);
  }
  return expired;
}

/**
 * Closes the expired order's payment, so the shopper cannot pay it any more (its time_expire already says so;
 * closing makes it final). If the shopper paid first, the payment is applied: on a cancelled order that flags it
 * for a refund, never pays it.
 */
async function closeAtWechat(db: Database, deps: PaymentDeps, tenantId: string, paymentNo: string, account: Awaited<ReturnType<typeof openPaymentAccount>>, log: Log) {
  try {
    await new WechatPayClient(account, deps.connection).closeOrder(paymentNo);
  } catch (error) {
    if (!(error instanceof WechatPayError)) throw error;
    if (error.kind === "orderNotFound") return; // never prepaid: nothing to close
    if (error.kind === "orderPaid") {
      const payment = await queryPayment(account, deps, paymentNo);
      if (payment) {
        const outcome = await db.scoped({ tenantId }, (tx) => applyPayment(tx, payment));
        log(`order ${paymentNo} was paid as it expired: ${outcome.kind}`);
      }
      return;
    }
    log(`closing order ${paymentNo} at WeChat Pay failed (${error.kind}); its time_expire still stops payment`);
  }
}

/** Uploads the shipping information that is due, each order once at a time. Returns how many WeChat accepted. */
export async function uploadDueShipping(db: Database, wechat: MiniProgramServerApi, masterKey: Buffer, options: OrderTimerOptions = {}): Promise<number> {
  const log = options.log ?? (() => {});
  const retryBaseMs = options.retryBaseMs ?? 30_000;
  const maxRetryMs = options.maxRetryMs ?? 6 * 3600_000;
  const due = await db.orderTimers((tx) =>
    tx.$queryRaw<Due[]>`SELECT tenant_id, id FROM orders WHERE shipping_upload = 'pending' AND shipping_next_at <= now() ORDER BY shipping_next_at LIMIT ${options.batch ?? 100}`,
  );
  let accepted = 0;
  for (const { tenant_id: tenantId, id } of due) {
    const claimed = await db.scoped({ tenantId }, (tx) => claimUpload(tx, tenantId, id, masterKey, retryBaseMs));
    if (!claimed) continue;
    let problem: string | null = null;
    try {
      await wechat.uploadShippingInfo(claimed.app, claimed.upload);
    } catch (error) {
      problem = error instanceof Error ? error.message.slice(0, 500) : String(error);
    }
    await db.scoped({ tenantId }, async (tx) => {
      const attempts = claimed.attempts + 1;
      if (problem === null) {
        await tx.order.updateMany({ where: { id }, data: { shippingUpload: "accepted", shippingAttempts: attempts, shippingNextAt: null, shippingProblem: null } });
      } else {
        const pause = Math.min(retryBaseMs * 2 ** (attempts - 1), maxRetryMs);
        await tx.order.updateMany({ where: { id }, data: { shippingAttempts: attempts, shippingNextAt: new Date(Date.now() + pause), shippingProblem: problem } });
      }
    });
    if (problem === null) accepted++;
    else log(`shipping upload for order ${id} refused (${problem}); retrying later`);
  }
  return accepted;
}

/**
 * Claims the order's upload: one conditional UPDATE pushes its next time on (as a lease), so another worker's round
 * skips it; then reads what the upload says. Null when another worker claimed it first or it cannot be uploaded.
 */
async function claimUpload(tx: Transaction, tenantId: string, orderId: string, masterKey: Buffer, leaseMs: number) {
  const claimed = await tx.order.updateMany({
    where: { id: orderId, shippingUpload: "pending", shippingNextAt: { lte: new Date() } },
    data: { shippingNextAt: new Date(Date.now() + leaseMs) },
  });
  if (claimed.count === 0) return null;
  const order = (await loadOrder(tx, orderId))!;
  const [shopper, app, attempts] = await Promise.all([
    tx.shopper.findFirstOrThrow({ where: { id: order.shopperId }, select: { openid: true } }),
    openAppSecret(tx, tenantId, masterKey),
    tx.order.findFirstOrThrow({ where: { id: orderId }, select: { shippingAttempts: true } }),
  ]);
  if (!app || !order.transactionId) {
    await tx.order.updateMany({ where: { id: orderId }, data: { shippingProblem: app ? "notPaidThroughWechat" : "appSecretMissing" } });
    return null;
  }
  const itemDesc = order.lines.map((line) => `${line.title}×${line.quantity}`).join("，").slice(0, 120);
  const tracking = order.tracking as Tracking | null;
  const upload: ShippingUpload = {
    order: { transactionId: order.transactionId },
    logistics: order.delivery === "pickup" ? "pickup" : "express",
    shipments: [{ itemDesc, ...(tracking ? { trackingNo: tracking.number, expressCompany: tracking.company } : {}) }],
    payerOpenid: shopper.openid,
    uploadedAt: new Date(),
  };
  return { app, upload, attempts: attempts.shippingAttempts };
}

export type OrderTimers = { stop(): Promise<void> };

/** Runs the timers every `pollMs` until stopped; a failing round is logged and the next one tries again. */
export function startOrderTimers(parts: { db: Database; deps: PaymentDeps; wechat: MiniProgramServerApi; pollMs: number } & OrderTimerOptions): OrderTimers {
  const log = parts.log ?? (() => {});
  let stopped = false;
  let wake: (() => void) | null = null;
  const loop = (async () => {
    while (!stopped) {
      try {
        const expired = await expireDueOrders(parts.db, parts.deps, parts);
        const uploaded = await uploadDueShipping(parts.db, parts.wechat, parts.deps.masterKey, parts);
        const refunded = await retryDueRefunds(parts.db, parts.deps, parts);
        if (expired + uploaded + refunded > 0) log(`order timers: ${expired} expired, ${uploaded} shipping uploads accepted, ${refunded} refunds accepted`);
      } catch (error) {
        log(`order timers round failed: ${(error as Error).message}`);
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, parts.pollMs);
      });
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
