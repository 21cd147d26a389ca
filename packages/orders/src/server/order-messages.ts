// The subscribe messages an order sends its shopper, each after the change it tells about has committed: paid (or,
// for a hotel booking, booking confirmed) once WeChat Pay's payment is applied, from the notification or the
// shopper's confirm, whichever comes first; shipped when the merchant ships. Each is claimed once per order and
// purpose by @kaidian/messages, so a repeated notification never sends twice. Table orders send none: the
// shopper is at the table.
import type { Database } from "@kaidian/db";
import { messageDate, messageTime } from "@kaidian/messages";
import { sendStoreMessage, type SendOutcome } from "@kaidian/messages/server";
import type { MiniProgramServerApi } from "@kaidian/wechat/server-api";
import { yuanText } from "../refusals";
import type { OrderRecord } from "./order-record";

export type SubscribeSender = Pick<MiniProgramServerApi, "sendSubscribeMessage">;

/** The order page the messages open. */
export const ORDER_PAGE = "pages/order-detail/index";

type MessageOrder = Pick<OrderRecord, "tenantId" | "id" | "shopperId" | "number" | "delivery" | "totalFen" | "paidAt" | "lines" | "tracking">;

async function storeName(db: Database, tenantId: string): Promise<string> {
  const store = await db.scoped({ tenantId }, (tx) => tx.tenant.findFirst({ where: { id: tenantId }, select: { name: true } }));
  return store?.name ?? "";
}

/** "拿铁咖啡豆 等 3 件": the first line's title and how many pieces in all. */
function itemsSummary(lines: MessageOrder["lines"]): string {
  const pieces = lines.reduce((sum, line) => sum + line.quantity, 0);
  const first = lines[0]?.title ?? "";
  return lines.length > 1 || pieces > 1 ? `${first} 等 ${pieces} 件` : first;
}

/** Tells the shopper their order is paid, or their booking confirmed; null when already sent (or a table order). */
export async function notifyOrderPaid(db: Database, wechat: SubscribeSender, masterKey: Buffer, order: MessageOrder): Promise<SendOutcome | null> {
  if (order.delivery === "dineIn") return null;
  const store = await storeName(db, order.tenantId);
  const page = `${ORDER_PAGE}?id=${order.id}`;
  const common = { tenantId: order.tenantId, subjectId: order.id, shopperId: order.shopperId, page };
  if (order.delivery === "stay") {
    const stay = await db.scoped({ tenantId: order.tenantId }, (tx) => tx.stay.findFirst({ where: { orderId: order.id }, select: { checkIn: true, checkOut: true, guestName: true } }));
    const day = (date: Date | undefined) => (date ? messageDate(date.toISOString().slice(0, 10)) : "");
    const sent = await sendStoreMessage(db, wechat, masterKey, {
      ...common,
      purpose: "bookingConfirmed",
      values: { roomType: order.lines[0]?.title ?? "", checkIn: day(stay?.checkIn), checkOut: day(stay?.checkOut), guest: stay?.guestName ?? "", store },
    });
    return sent?.outcome ?? null;
  }
  const sent = await sendStoreMessage(db, wechat, masterKey, {
    ...common,
    purpose: "orderPaid",
    values: { orderNumber: order.number, amount: yuanText(order.totalFen), items: itemsSummary(order.lines), time: messageTime(order.paidAt ?? new Date()), store },
  });
  return sent?.outcome ?? null;
}

/** Tells the shopper their order is on its way, with the company and the tracking number. */
export async function notifyOrderShipped(db: Database, wechat: SubscribeSender, masterKey: Buffer, order: MessageOrder): Promise<SendOutcome | null> {
  const sent = await sendStoreMessage(db, wechat, masterKey, {
    tenantId: order.tenantId,
    purpose: "orderShipped",
    subjectId: order.id,
    shopperId: order.shopperId,
    values: { orderNumber: order.number, company: order.tracking?.company ?? "", trackingNumber: order.tracking?.number ?? "", items: itemsSummary(order.lines), store: await storeName(db, order.tenantId) },
    page: `${ORDER_PAGE}?id=${order.id}`,
  });
  return sent?.outcome ?? null;
}
