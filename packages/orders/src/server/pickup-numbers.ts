// Takeaway: a restaurant's pickup order gets the day's next pickup number (Asia/Shanghai) the moment it is paid, the
// number the counter calls and the shopper's phone shows. One statement: the store's daily counter is bumped by a
// conditional upsert (only for a restaurant store) and the order takes its value, so concurrent payments never share
// a number and each day starts at 1. The ready message after the merchant marks it ready is sent from here too.
import type { Database, Transaction } from "@kaidian/db";
import { sendStoreMessage, type SendOutcome } from "@kaidian/messages/server";
import type { MiniProgramServerApi } from "@kaidian/wechat/server-api";
import { formatPickupNumber, shanghaiDay } from "../order-number";
import { ORDER_PAGE } from "./order-messages";
import type { OrderRecord } from "./order-record";

export async function assignPickupNumber(tx: Transaction, tenantId: string, orderId: string, at: Date): Promise<number | null> {
  const rows = await tx.$queryRaw<{ number: number }[]>`
    WITH n AS (
      INSERT INTO pickup_sequences AS s (tenant_id, day, last)
      SELECT t.id, ${shanghaiDay(at)}::date, 1 FROM tenants t WHERE t.id = ${tenantId}::uuid AND t.template_id = 'restaurant'
      ON CONFLICT (tenant_id, day) DO UPDATE SET last = s.last + 1
      RETURNING last
    )
    UPDATE orders SET pickup_number = n.last FROM n WHERE orders.id = ${orderId}::uuid RETURNING n.last AS number`;
  return rows[0]?.number ?? null;
}

/** Tells the shopper their takeaway is ready, after the change has committed; the outcome is recorded. */
export async function notifyOrderReady(
  db: Database,
  wechat: Pick<MiniProgramServerApi, "sendSubscribeMessage">,
  masterKey: Buffer,
  order: Pick<OrderRecord, "tenantId" | "id" | "shopperId" | "number" | "pickupNumber">,
): Promise<SendOutcome | null> {
  const store = await db.scoped({ tenantId: order.tenantId }, (tx) => tx.tenant.findFirst({ where: { id: order.tenantId }, select: { name: true } }));
  const sent = await sendStoreMessage(db, wechat, masterKey, {
    tenantId: order.tenantId,
    purpose: "orderReady",
    subjectId: order.id,
    shopperId: order.shopperId,
    values: { number: order.pickupNumber === null ? order.number : formatPickupNumber(order.pickupNumber), store: store?.name ?? "", note: "您的餐已备好，请到店取餐" },
    page: `${ORDER_PAGE}?id=${order.id}`,
  });
  return sent?.outcome ?? null;
}
