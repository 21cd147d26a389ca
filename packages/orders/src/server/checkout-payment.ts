// Where placing an order meets WeChat Pay, in one place: whether the store can take payment, and the
// wx.requestPayment parameters of a placed order. The payments side (sealed settings, the platform's service
// provider, JSAPI prepay) is its own module; these two functions are the only calls into it.
import type { Transaction } from "@kaidian/db";

/**
 * Whether the store can take payment: it has saved payment settings. (The payments module's own check, which also
 * asks for the keys or the platform's service provider, replaces this body when it lands.)
 */
export async function storeTakesPayment(tx: Transaction, tenantId: string): Promise<boolean> {
  return (await tx.paymentSettings.count({ where: { tenantId } })) > 0;
}

/** wx.requestPayment's parameters, signed on the server. */
export type RequestPayment = { timeStamp: string; nonceStr: string; package: string; signType: "RSA"; paySign: string };

export type OrderToPay = { tenantId: string; orderId: string; paymentNo: string; totalFen: number; openid: string; description: string; expiresAt: Date };

/**
 * The requestPayment parameters for a placed order (JSAPI prepay at WeChat Pay, then signed); null while the
 * payments module's preparePayment is not part of this build, so the order stands, unpaid, and the shopper pays
 * it again from the order page (POST /orders/:id/payment) once payments answer.
 */
export async function paymentFor(_order: OrderToPay): Promise<RequestPayment | null> {
  return null;
}
