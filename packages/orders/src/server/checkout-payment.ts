// Where the checkout meets WeChat Pay: whether the store can take payment (the checkout's rules), and the
// wx.requestPayment parameters of an order placed before (a retried request finds it). The payments side (sealed
// settings, the platform's service provider, JSAPI prepay) is payments/server and ./payment. A newly placed order
// is prepared from what placing already read (place-order.ts), with the same payments functions.
import type { Database, Transaction } from "@kaidian/db";
import type { RequestPaymentParams } from "@kaidian/payments";
import { paymentsReady } from "@kaidian/payments/server";
import { preparePayment } from "./payment";
import type { PaymentDeps } from "./payment-deps";

/** Whether the store can take payment: settings saved, keys or the platform's service provider, no failed test. */
export function storeTakesPayment(tx: Transaction, deps: PaymentDeps): Promise<boolean> {
  return paymentsReady(tx, deps.provider);
}

/** wx.requestPayment's parameters, signed on the server. */
export type RequestPayment = RequestPaymentParams;

/**
 * The requestPayment parameters for a just-placed order, after its transaction committed. When WeChat Pay cannot
 * be reached or refuses, the order still stands, unpaid and holding its stock until it expires: the answer has no
 * parameters and the shopper pays from the order page (POST /orders/:id/payment), which asks again.
 */
export async function paymentFor(db: Database, deps: PaymentDeps, order: { tenantId: string; orderId: string }, onFailure: (error: unknown) => void): Promise<RequestPayment | null> {
  try {
    const prepared = await preparePayment(db, order, deps);
    return prepared.ok ? prepared.payment : null;
  } catch (error) {
    onFailure(error);
    return null;
  }
}
