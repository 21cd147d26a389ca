// Hotel bookings for tests: a guest's booking of one room of `itemId`, its room held on its nights by the same
// conditional statement shop-api uses, and, unless asked otherwise, paid through changeOrder as the payment
// notification pays it (which sells the room on those nights).
import { randomUUID } from "node:crypto";
import type { Transaction } from "@kaidian/db";
import { formatOrderNumber, shanghaiDay } from "../order-number";
import { changeOrder } from "./change-order";
import { holdNights } from "./stay-nights";

export type SeedStay = { itemId: string; title: string; checkIn: string; checkOut: string; rateFen: number; rooms: number; guestName: string; guestPhone?: string; paid?: boolean };

export async function seedStay(tx: Transaction, tenantId: string, stay: SeedStay): Promise<{ id: string; number: string }> {
  const at = new Date();
  const held = await holdNights(tx, { tenantId, itemId: stay.itemId, checkIn: stay.checkIn, checkOut: stay.checkOut }, stay.rooms);
  if (!held.ok) throw new Error(`No room on ${held.date}`);
  const shopper = await tx.shopper.create({ data: { tenantId, openid: `o${randomUUID().replaceAll("-", "")}` }, select: { id: true } });
  const [sequence] = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO order_sequences (tenant_id, day, last) VALUES (${tenantId}::uuid, ${shanghaiDay(at)}::date, 1)
    ON CONFLICT (tenant_id, day) DO UPDATE SET last = order_sequences.last + 1 RETURNING last`;
  const number = formatOrderNumber(at, sequence!.last);
  const nights = Math.round((Date.parse(stay.checkOut) - Date.parse(stay.checkIn)) / 86_400_000);
  const totalFen = stay.rateFen * nights;
  const order = await tx.order.create({
    data: {
      tenantId, number, shopperId: shopper.id, status: "pendingPayment", delivery: "stay", subtotalFen: totalFen, deliveryFeeFen: 0, totalFen,
      paymentNo: `T${randomUUID().replaceAll("-", "").slice(0, 30)}`, expiresAt: new Date(at.getTime() + 15 * 60_000), createdAt: at,
      lines: { create: [{ position: 0, itemId: stay.itemId, kind: "room", title: stay.title, quantity: 1, unitPriceFen: totalFen, lineTotalFen: totalFen }] },
      events: { create: [{ action: "place", fromStatus: null, toStatus: "pendingPayment", actorRole: "shopper", actorId: shopper.id, at }] },
      stay: {
        create: {
          itemId: stay.itemId, checkIn: new Date(`${stay.checkIn}T00:00:00Z`), checkOut: new Date(`${stay.checkOut}T00:00:00Z`), guests: 2,
          guestName: stay.guestName, guestPhone: stay.guestPhone ?? "13800138000",
          nights: Array.from({ length: nights }, (_, index) => ({ date: new Date(Date.parse(`${stay.checkIn}T00:00:00Z`) + index * 86_400_000).toISOString().slice(0, 10), rateFen: stay.rateFen })),
          cancellation: { kind: "nonRefundable" },
        },
      },
    },
    select: { id: true },
  });
  if (stay.paid ?? true) {
    const paid = await changeOrder(tx, { orderId: order.id, command: { action: "pay", amountFen: totalFen }, actor: { role: "paymentNotification", id: null } });
    if (!paid.ok) throw new Error("the seeded stay could not be paid");
    // Paid as through WeChat Pay (a transaction id, as seeded orders have), so it refunds the way a real one does.
    await tx.order.updateMany({ where: { id: order.id }, data: { transactionId: `42${Date.now()}${number.replace(/\D/g, "")}`.slice(0, 32), paidAt: new Date() } });
  }
  return { id: order.id, number };
}
