// Orders for tests: a shopper's order written as the shop-api writes one (number from the store's daily sequence,
// priced lines, the placing event) and, unless asked otherwise, paid as the payment notification pays it.
import { randomUUID } from "node:crypto";
import type { Transaction } from "@kaidian/db";
import { formatOrderNumber, shanghaiDay } from "../order-number";
import type { ShippingAddress } from "../request";

export type SeededLine = { title: string; unitPriceFen: number; quantity: number; skuOptions?: string[]; dishOptions?: { group: string; options: string[] }[] };

export type SeedOrder = {
  lines: SeededLine[];
  /** Express to this address, or pickup at the store's pickup point. */
  delivery?: { method: "express"; address: ShippingAddress; feeFen?: number } | { method: "pickup"; pickupAddress: string };
  note?: string;
  shopperPhone?: string | null;
  paid?: boolean;
  at?: Date;
  /** What came off the goods, as checkout priced it: the coupon's, the member level's, and the points spent with theirs. */
  discounts?: { couponFen?: number; levelFen?: number; pointsUsed?: number; pointsFen?: number };
};

export const TEST_ADDRESS: ShippingAddress = { name: "李雷", phone: "13912345678", province: "浙江省", city: "杭州市", district: "西湖区", detail: "文三路 100 号", postalCode: "" };

/** Writes the order in the caller's transaction (the store's scope); returns its id and number. */
export async function seedOrder(tx: Transaction, tenantId: string, order: SeedOrder): Promise<{ id: string; number: string }> {
  const at = order.at ?? new Date();
  const delivery = order.delivery ?? { method: "express", address: TEST_ADDRESS };
  const shopper = await tx.shopper.create({ data: { tenantId, openid: `o${randomUUID().replaceAll("-", "")}`, phone: order.shopperPhone ?? null }, select: { id: true } });
  const [sequence] = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO order_sequences (tenant_id, day, last) VALUES (${tenantId}::uuid, ${shanghaiDay(at)}::date, 1)
    ON CONFLICT (tenant_id, day) DO UPDATE SET last = order_sequences.last + 1 RETURNING last`;
  const number = formatOrderNumber(at, sequence!.last);
  const subtotalFen = order.lines.reduce((sum, line) => sum + line.unitPriceFen * line.quantity, 0);
  const deliveryFeeFen = delivery.method === "express" ? (delivery.feeFen ?? 0) : 0;
  const { couponFen = 0, levelFen = 0, pointsUsed = 0, pointsFen = 0 } = order.discounts ?? {};
  const totalFen = subtotalFen + deliveryFeeFen - couponFen - levelFen - pointsFen;
  const paid = order.paid ?? true;
  // Paid a moment later, as the payment notification arrives after the order is placed.
  const paidAt = new Date(at.getTime() + 1000);
  const created = await tx.order.create({
    data: {
      tenantId,
      number,
      shopperId: shopper.id,
      status: paid ? "paid" : "pendingPayment",
      delivery: delivery.method,
      address: delivery.method === "express" ? delivery.address : undefined,
      pickupAddress: delivery.method === "pickup" ? delivery.pickupAddress : "",
      note: order.note ?? "",
      subtotalFen,
      deliveryFeeFen,
      discountFen: couponFen,
      levelDiscountFen: levelFen,
      pointsUsed,
      pointsDiscountFen: pointsFen,
      totalFen,
      paidFen: paid ? totalFen : 0,
      paymentNo: `T${randomUUID().replaceAll("-", "").slice(0, 30)}`,
      transactionId: paid ? `42${Date.now()}` : null,
      paidAt: paid ? paidAt : null,
      expiresAt: new Date(at.getTime() + 15 * 60_000),
      createdAt: at,
      lines: {
        create: order.lines.map((line, position) => ({
          position,
          itemId: randomUUID(),
          kind: "product",
          title: line.title,
          skuOptions: line.skuOptions ?? [],
          dishOptions: line.dishOptions ?? [],
          quantity: line.quantity,
          unitPriceFen: line.unitPriceFen,
          lineTotalFen: line.unitPriceFen * line.quantity,
        })),
      },
      events: {
        create: [
          { action: "place", fromStatus: null, toStatus: "pendingPayment", actorRole: "shopper", actorId: shopper.id, at },
          ...(paid ? [{ action: "pay", fromStatus: "pendingPayment", toStatus: "paid", actorRole: "paymentNotification", amountFen: totalFen, at: paidAt }] : []),
        ],
      },
    },
    select: { id: true },
  });
  return { id: created.id, number };
}
