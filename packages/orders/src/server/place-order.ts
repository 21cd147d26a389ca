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
import type { PaymentDeps } from "./payment-deps";
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

export type PlaceOrderInput = {
  tenantId: string;
  shopperId: string;
  idempotencyKey: string;
  body: unknown;
  at?: Date;
  /** The items as the shoppers' cache holds them, so a sold-out line is refused before any row is read or locked. */
  cachedItems?: (ids: string[]) => Promise<readonly Item[] | null>;
  payments: PaymentDeps;
  /** Told when WeChat Pay could not prepare the payment of a placed order (it stays unpaid, payable later). */
  onPaymentFailure?: (error: unknown) => void;
};

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
export function paymentNumber(at: Date): string {
  return `${shanghaiDay(at).replaceAll("-", "").slice(2)}${randomBytes(12).toString("hex")}`;
}

const skuKey = (itemId: string, options: readonly string[]) => JSON.stringify([itemId, options]);

/**
 * The lines whose SKU `items` (the shoppers' cache) shows with none left: in a flash sale most requests come after
 * the sell-out, and this answers them without a reservation queueing on the item's row. Only zero is trusted from
 * the cache (it changes when a SKU sells out or comes back); any other count is checked live.
 */
export function soldOutLines(request: OrderRequest, items: readonly Item[]): OrderRefusal[] {
  const byId = new Map(items.map((item) => [item.id, item]));
  return request.lines.flatMap((line, index) => {
    const item = byId.get(line.itemId);
    if (item?.kind !== "product") return [];
    const sku = item.details.skus.find((candidate) => skuKey(item.id, candidate.options) === skuKey(line.itemId, line.skuOptions));
    if (sku?.stock !== 0) return [];
    const requested = request.lines.filter((other) => skuKey(other.itemId, other.skuOptions) === skuKey(line.itemId, line.skuOptions)).reduce((sum, other) => sum + other.quantity, 0);
    const first = request.lines.findIndex((other) => skuKey(other.itemId, other.skuOptions) === skuKey(line.itemId, line.skuOptions));
    return first === index ? [{ code: "notEnoughStock" as const, line: index, itemId: item.id, title: item.title, options: line.skuOptions, requested, left: 0 }] : [];
  });
}

export async function placeOrder(db: Database, input: PlaceOrderInput): Promise<Placement> {
  const { tenantId, shopperId, idempotencyKey } = input;
  const parsed = parseOrderRequest(input.body);
  if (!parsed.ok) return parsed;
  const request = parsed.request;
  const cached = input.cachedItems ? await input.cachedItems(request.lines.map((line) => line.itemId)) : null;
  const soldOut = cached ? soldOutLines(request, cached) : [];
  let placed: { order: OrderRecord; created: boolean; openid: string } | Placement;
  try {
    placed = await db.scoped({ tenantId }, (tx) => place(tx, input, request, soldOut));
  } catch (error) {
    if (error instanceof Refused) return { ok: false, refusals: [error.refusal] };
    // The same key raced in twice: the other request's order is the one.
    if (!isUniqueViolation(error)) throw error;
    placed = await db.scoped({ tenantId }, async (tx) => {
      const again = await placedBefore(tx, tenantId, shopperId, idempotencyKey);
      if (!again) throw error;
      return again;
    });
  }
  if ("ok" in placed) return placed;
  const { order } = placed;
  const payment = order.status === "pendingPayment"
    ? await paymentFor(db, input.payments, { tenantId, orderId: order.id }, input.onPaymentFailure ?? (() => {}))
    : null;
  return { ok: true, created: placed.created, order, payment };
}

/** PostgreSQL's unique_violation, as Prisma's driver adapter reports it from a raw statement. */
function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2010") return false;
  const cause = (error.meta as { driverAdapterError?: { cause?: { kind?: string } } } | undefined)?.driverAdapterError?.cause;
  return cause?.kind === "UniqueConstraintViolation";
}

/** The order this shopper's key placed before, if any. */
async function placedBefore(tx: Transaction, tenantId: string, shopperId: string, idempotencyKey: string) {
  const rows = await tx.$queryRaw<{ id: string; openid: string }[]>`
    SELECT o.id, s.openid FROM orders o JOIN shoppers s ON s.tenant_id = o.tenant_id AND s.id = o.shopper_id
    WHERE o.tenant_id = ${tenantId}::uuid AND o.shopper_id = ${shopperId}::uuid AND o.idempotency_key = ${idempotencyKey}`;
  const row = rows[0];
  return row ? { order: (await loadOrder(tx, row.id))!, created: false, openid: row.openid } : null;
}

async function place(tx: Transaction, input: PlaceOrderInput, request: OrderRequest, soldOut: OrderRefusal[]) {
  const { tenantId, shopperId, idempotencyKey } = input;
  // The shopper, and the order this key placed before if any, in one read.
  const [shopper] = await tx.$queryRaw<{ openid: string; placed: string | null }[]>`
    SELECT s.openid, o.id AS placed FROM shoppers s
    LEFT JOIN orders o ON o.tenant_id = s.tenant_id AND o.shopper_id = s.id AND o.idempotency_key = ${idempotencyKey}
    WHERE s.tenant_id = ${tenantId}::uuid AND s.id = ${shopperId}::uuid`;
  if (!shopper) throw new Error(`No shopper ${shopperId} in store ${tenantId}`);
  if (shopper.placed) return { order: (await loadOrder(tx, shopper.placed))!, created: false, openid: shopper.openid };
  // Only after the key's own order was looked for: a retry of an order placed before the sell-out still finds it.
  if (soldOut.length > 0) return { ok: false as const, refusals: soldOut };
  if (!(await storeTakesPayment(tx, input.payments))) return { ok: false as const, paymentsNotSetUp: true as const };
  const rules = await readOrderRules(tx, tenantId);
  const { quote, items } = await price(tx, tenantId, request, rules.delivery);
  if (!quote.ok) return { ok: false as const, refusals: quote.refusals };
  const order = quote.order;
  await removeFromCart(tx, tenantId, shopperId, request.lines);

  // From the first reservation to the commit, the item's row (and then the store's sequence row) stay locked
  // against other orders: only the statements that must run there do. Reservations come first, so a refusal costs
  // no order number and the sequence row is held the least.
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
  const { delivery } = order;
  const record: OrderRecord = {
    tenantId,
    id: randomUUID(),
    number: await nextOrderNumber(tx, tenantId, at),
    shopperId,
    status: "pendingPayment",
    delivery: delivery.method,
    address: delivery.method === "express" ? delivery.address : null,
    pickupAddress: delivery.method === "pickup" ? rules.delivery.pickup.address : "",
    note: order.note,
    subtotalFen: order.subtotalFen,
    deliveryFeeFen: order.deliveryFeeFen,
    totalFen: order.totalFen,
    paidFen: 0,
    refundedFen: 0,
    refundRequested: false,
    tracking: null,
    paymentNo: paymentNumber(at),
    transactionId: null,
    paidAt: null,
    paymentProblem: null,
    expiresAt: new Date(at.getTime() + rules.unpaidMinutes * 60_000),
    shippingUpload: null,
    shippingProblem: null,
    revision: 0,
    createdAt: at,
    updatedAt: at,
    lines: order.lines.map((line, position) => ({ position, ...line, stockReserved: tracked.has(line.itemId) })),
    events: [{ id: randomUUID(), action: "place", from: null, to: "pendingPayment", actor: { role: "shopper", id: shopperId }, reason: "", amountFen: null, tracking: null, at }],
  };
  await insertOrder(tx, record, idempotencyKey);
  return { order: record, created: true, openid: shopper.openid };
}

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
