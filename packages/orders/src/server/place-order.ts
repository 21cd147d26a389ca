// Placing a shopper's order. Prices come from the store's live catalog rows (visible items, as shoppers see them in
// the published store; hidden or deleted ones read as gone), never from the phone. Everything is written in ONE
// transaction: the SKU reservations (one conditional UPDATE each), the store's next order number (one conditional
// upsert), the order with its lines, and its first event. Any refusal rolls all of it back, so an order and its
// stock commit together or not at all.
import { randomBytes, randomUUID } from "node:crypto";
import { type Item, itemSchema } from "@kaidian/catalog";
import { kindFromDatabase } from "@kaidian/catalog/server";
import { Prisma, type Database, type Transaction } from "@kaidian/db";
import { type DeliveryRules } from "../delivery";
import { formatOrderNumber, shanghaiDay } from "../order-number";
import { priceOrder, type PricedOrder } from "../pricing";
import type { OrderRefusal } from "../refusals";
import { parseOrderRequest, type OrderRequest } from "../request";
import { removeFromCart } from "./cart";
import { paymentFor, type RequestPayment, storeTakesPayment } from "./checkout-payment";
import { readOrderRules } from "./ordering";
import { loadOrder, type OrderRecord } from "./order-record";
import { reserveStock } from "./stock";

/** What a retried request carries to find its order again: a client-made id (a UUID, say). */
export const IDEMPOTENCY_KEY = /^[\w.:-]{8,64}$/;

// An id that is not a UUID names no item, and PostgreSQL would refuse it in the query.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const itemFields = { id: true, categoryId: true, kind: true, title: true, description: true, priceFen: true, images: true, details: true } as const;

/** The store's visible items among `ids`, as they are now. A row the catalog schema refuses reads as gone. */
export async function liveItems(tx: Transaction, tenantId: string, ids: readonly string[]): Promise<Item[]> {
  const wanted = [...new Set(ids)].filter((id) => UUID.test(id));
  if (wanted.length === 0) return [];
  const rows = await tx.catalogItem.findMany({ where: { tenantId, id: { in: wanted }, visible: true }, select: itemFields });
  return rows.flatMap(({ kind, ...row }) => {
    const parsed = itemSchema.safeParse({ ...row, kind: kindFromDatabase[kind] });
    return parsed.success ? [parsed.data] : [];
  });
}

export type Quote = { ok: true; order: PricedOrder } | { ok: false; refusals: OrderRefusal[] };

async function price(tx: Transaction, tenantId: string, request: OrderRequest, rules: DeliveryRules): Promise<{ quote: Quote; items: Item[] }> {
  const items = await liveItems(tx, tenantId, request.lines.map((line) => line.itemId));
  const priced = priceOrder(request, items, rules);
  return { quote: priced.ok ? { ok: true, order: priced.order } : { ok: false, refusals: priced.refusals }, items };
}

/** The order's figures as it would be placed now, or every refusal; reserves nothing. */
export async function quoteOrder(tx: Transaction, tenantId: string, body: unknown): Promise<Quote> {
  const parsed = parseOrderRequest(body);
  if (!parsed.ok) return parsed;
  const { delivery } = await readOrderRules(tx, tenantId);
  return (await price(tx, tenantId, parsed.request, delivery)).quote;
}

export type PlaceOrderInput = { tenantId: string; shopperId: string; idempotencyKey: string; body: unknown; at?: Date };

export type Placement =
  | { ok: true; created: boolean; order: OrderRecord; payment: RequestPayment | null }
  | { ok: false; refusals: OrderRefusal[] }
  | { ok: false; paymentsNotSetUp: true };

/** Thrown inside the transaction to roll back what it reserved. */
class Refused extends Error {
  constructor(readonly refusal: OrderRefusal) {
    super(refusal.code);
  }
}

/** An order's payment number (out_trade_no): its day and 96 random bits, unique across every store and day. */
function paymentNumber(at: Date): string {
  return `${shanghaiDay(at).replaceAll("-", "").slice(2)}${randomBytes(12).toString("hex")}`;
}

const skuKey = (itemId: string, options: readonly string[]) => JSON.stringify([itemId, options]);

export async function placeOrder(db: Database, input: PlaceOrderInput): Promise<Placement> {
  const { tenantId, shopperId, idempotencyKey } = input;
  const parsed = parseOrderRequest(input.body);
  if (!parsed.ok) return parsed;
  const request = parsed.request;
  let placed: { order: OrderRecord; created: boolean; openid: string } | Placement;
  try {
    placed = await db.scoped({ tenantId }, (tx) => place(tx, input, request));
  } catch (error) {
    if (error instanceof Refused) return { ok: false, refusals: [error.refusal] };
    // The same key raced in twice: the other request's order is the one.
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    placed = await db.scoped({ tenantId }, async (tx) => {
      const again = await placedBefore(tx, tenantId, shopperId, idempotencyKey);
      if (!again) throw error;
      return again;
    });
  }
  if ("ok" in placed) return placed;
  const { order, openid } = placed;
  const payment = order.status === "pendingPayment"
    ? await paymentFor({ tenantId, orderId: order.id, paymentNo: order.paymentNo, totalFen: order.totalFen, openid, description: describe(order), expiresAt: order.expiresAt })
    : null;
  return { ok: true, created: placed.created, order, payment };
}

/** What the shopper's WeChat Pay slip names: the first item, and how many more. */
function describe(order: OrderRecord): string {
  const first = order.lines[0]?.title ?? order.number;
  return order.lines.length > 1 ? `${first} 等${order.lines.length}件` : first;
}

async function placedBefore(tx: Transaction, tenantId: string, shopperId: string, idempotencyKey: string) {
  const rows = await tx.$queryRaw<{ id: string; openid: string }[]>`
    SELECT o.id, s.openid FROM orders o JOIN shoppers s ON s.tenant_id = o.tenant_id AND s.id = o.shopper_id
    WHERE o.tenant_id = ${tenantId}::uuid AND o.shopper_id = ${shopperId}::uuid AND o.idempotency_key = ${idempotencyKey}`;
  const row = rows[0];
  return row ? { order: (await loadOrder(tx, row.id))!, created: false, openid: row.openid } : null;
}

async function place(tx: Transaction, input: PlaceOrderInput, request: OrderRequest) {
  const { tenantId, shopperId, idempotencyKey } = input;
  const before = await placedBefore(tx, tenantId, shopperId, idempotencyKey);
  if (before) return before;
  const [shopper, rules, paymentsReady] = await Promise.all([
    tx.shopper.findFirst({ where: { tenantId, id: shopperId }, select: { openid: true } }),
    readOrderRules(tx, tenantId),
    storeTakesPayment(tx, tenantId),
  ]);
  if (!shopper) throw new Error(`No shopper ${shopperId} in store ${tenantId}`);
  if (!paymentsReady) return { ok: false as const, paymentsNotSetUp: true as const };
  const { quote, items } = await price(tx, tenantId, request, rules.delivery);
  if (!quote.ok) return { ok: false as const, refusals: quote.refusals };
  const order = quote.order;

  // Reservations first: a refusal then costs no order number, and the store's sequence row is held the least.
  const tracked = new Set(items.filter((item) => item.kind === "product" && item.details.skus.length > 0).map((item) => item.id));
  const reservedHere = new Map<string, number>();
  for (const [index, line] of order.lines.entries()) {
    if (!tracked.has(line.itemId)) continue;
    const key = skuKey(line.itemId, line.skuOptions);
    const reserved = await reserveStock(tx, line);
    if (!reserved.ok) {
      const requested = order.lines.filter((other) => skuKey(other.itemId, other.skuOptions) === key).reduce((sum, other) => sum + other.quantity, 0);
      // What is left once this order's own earlier lines are rolled back.
      const left = reserved.left + (reservedHere.get(key) ?? 0);
      throw new Refused({ code: "notEnoughStock", line: index, itemId: line.itemId, title: line.title, options: line.skuOptions, requested, left });
    }
    reservedHere.set(key, (reservedHere.get(key) ?? 0) + line.quantity);
  }

  const at = input.at ?? new Date();
  const [sequence] = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO order_sequences AS s (tenant_id, day, last) VALUES (${tenantId}::uuid, ${shanghaiDay(at)}::date, 1)
    ON CONFLICT (tenant_id, day) DO UPDATE SET last = s.last + 1
    RETURNING last`;
  const id = randomUUID();
  const { delivery } = order;
  await tx.order.create({
    data: {
      tenantId,
      id,
      number: formatOrderNumber(at, sequence!.last),
      shopperId,
      status: "pendingPayment",
      delivery: delivery.method,
      address: delivery.method === "express" ? delivery.address : Prisma.DbNull,
      pickupAddress: delivery.method === "pickup" ? rules.delivery.pickup.address : "",
      note: order.note,
      subtotalFen: order.subtotalFen,
      deliveryFeeFen: order.deliveryFeeFen,
      totalFen: order.totalFen,
      paymentNo: paymentNumber(at),
      expiresAt: new Date(at.getTime() + rules.unpaidMinutes * 60_000),
      idempotencyKey,
      createdAt: at,
      updatedAt: at,
      lines: {
        create: order.lines.map((line, position) => ({
          position,
          itemId: line.itemId,
          kind: line.kind,
          title: line.title,
          skuOptions: line.skuOptions,
          dishOptions: line.dishOptions,
          quantity: line.quantity,
          unitPriceFen: line.unitPriceFen,
          lineTotalFen: line.lineTotalFen,
          stockReserved: tracked.has(line.itemId),
        })),
      },
      events: {
        create: [{ action: "place", fromStatus: null, toStatus: "pendingPayment", actorRole: "shopper", actorId: shopperId, at }],
      },
    },
    select: { id: true },
  });
  await removeFromCart(tx, tenantId, shopperId, request.lines);
  return { order: (await loadOrder(tx, id))!, created: true, openid: shopper.openid };
}
