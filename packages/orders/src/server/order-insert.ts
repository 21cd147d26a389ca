// Writing an order that is not a shopper's checkout (a table's bill or round): its number from the store's daily
// sequence, then the order, its lines and its first event in one statement. Checkout orders are written by
// place-order.ts's own statement, which also reserves their stock and empties the cart.
import type { Transaction } from "@kaidian/db";
import { formatOrderNumber, shanghaiDay } from "../order-number";
import type { OrderRecord } from "./order-record";

/** The store's next order number of the day, from its counter in one conditional upsert. */
export async function nextOrderNumber(tx: Transaction, tenantId: string, at: Date): Promise<string> {
  const [sequence] = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO order_sequences AS s (tenant_id, day, last) VALUES (${tenantId}::uuid, ${shanghaiDay(at)}::date, 1)
    ON CONFLICT (tenant_id, day) DO UPDATE SET last = s.last + 1
    RETURNING last`;
  return formatOrderNumber(at, sequence!.last);
}

/** The order, its lines and its first event in one statement (the constraints are checked at its end). */
export async function insertOrder(tx: Transaction, order: OrderRecord, idempotencyKey: string | null): Promise<void> {
  const lines = JSON.stringify(order.lines);
  const [event] = order.events;
  await tx.$executeRaw`
    WITH placed AS (
      INSERT INTO orders (tenant_id, id, number, shopper_id, status, delivery, address, pickup_address, note, subtotal_fen,
        delivery_fee_fen, total_fen, payment_no, expires_at, idempotency_key, created_at, updated_at)
      VALUES (${order.tenantId}::uuid, ${order.id}::uuid, ${order.number}, ${order.shopperId}::uuid, ${order.status}, ${order.delivery},
        ${order.address === null ? null : JSON.stringify(order.address)}::jsonb, ${order.pickupAddress}, ${order.note}, ${order.subtotalFen},
        ${order.deliveryFeeFen}, ${order.totalFen}, ${order.paymentNo}, ${order.expiresAt}, ${idempotencyKey}, ${order.createdAt}, ${order.updatedAt})
      RETURNING tenant_id, id
    ), lines AS (
      INSERT INTO order_lines (tenant_id, order_id, position, item_id, kind, title, sku_options, dish_options, quantity, unit_price_fen,
        line_total_fen, stock_reserved)
      SELECT placed.tenant_id, placed.id, l."position", l."itemId", l.kind, l.title, l."skuOptions", l."dishOptions", l.quantity,
        l."unitPriceFen", l."lineTotalFen", l."stockReserved"
      FROM placed, jsonb_to_recordset(${lines}::jsonb) AS l("position" int, "itemId" uuid, kind text, title text, "skuOptions" jsonb,
        "dishOptions" jsonb, quantity int, "unitPriceFen" int, "lineTotalFen" int, "stockReserved" boolean)
    )
    INSERT INTO order_events (tenant_id, id, order_id, action, from_status, to_status, actor_role, actor_id, at)
    SELECT tenant_id, ${event!.id}::uuid, id, ${event!.action}, NULL, ${event!.to}, ${event!.actor.role}, ${event!.actor.id}::uuid, ${event!.at} FROM placed`;
}
