// Placing a shopper's order. Prices come from the store's live catalog rows (visible items, as shoppers see them in
// the published store; hidden or deleted ones read as gone), never from the phone. Everything is written by ONE
// statement: the SKU reservations (one conditional UPDATE), the store's next order number (one conditional upsert),
// the shopper's coupon marked used (one conditional UPDATE), a member's points spent with their ledger row (one
// conditional UPDATE), the order with its lines, its first event, and the lines taken out of the cart. Any refusal
// leaves nothing written, so an order, its stock and its coupon commit together or not at all.
//
// This is a flash sale's hot path, so it talks to PostgreSQL through pg, not Prisma: one read that locks nothing,
// then the write, committed with the store's other orders written meanwhile (`db.grouped`), so the item's row and
// the store's order counter pass from order to order inside one transaction instead of from transaction to
// transaction. The WeChat Pay prepay after the commit uses what the read already found (the shopper's openid, the
// store's name and payment account); it never holds a lock.
import { randomBytes, randomUUID } from "node:crypto";
import { type Item, itemSchema } from "@kaidian/catalog";
import { kindFromDatabase } from "@kaidian/catalog/server";
import type { CouponOffer } from "@kaidian/coupons";
import { checkoutCoupons, heldOfRow, type HeldRow } from "@kaidian/coupons/server";
import { type Database, sql, sqlState, type Transaction } from "@kaidian/db";
import type { MemberDiscounts } from "@kaidian/members";
import { checkoutMember, rulesOfRow, type RulesRow } from "@kaidian/members/server";
import { paymentAccountOf, paymentsReadyOf, type StoredPayment } from "@kaidian/payments/server";
import { cartLineKey } from "./cart";
import { DEFAULT_DELIVERY_RULES, deliveryRulesSchema, type DeliveryRules } from "../delivery";
import { applyCoupon } from "../order-coupons";
import { applyMembership } from "../order-members";
import { formatOrderNumber, shanghaiDay } from "../order-number";
import { priceOrder, type PricedOrder } from "../pricing";
import type { OrderRefusal } from "../refusals";
import { parseOrderRequest, type OrderRequest } from "../request";
import { paymentFor, type RequestPayment } from "./checkout-payment";
import type { PaymentDeps } from "./payment-deps";
import { DEFAULT_UNPAID_MINUTES, readOrderRules } from "./ordering";
import { loadOrder, type OrderRecord } from "./order-record";
import { prepay, type StorePaymentRow, storedPaymentOf } from "./payment";

/** Placing's statements find every row by key: generic plans, planned once per connection. */
const BY_KEY = { genericPlans: true };

/** What a retried request carries to find its order again: a client-made id (a UUID, say). */
export const IDEMPOTENCY_KEY = /^[\w.:-]{8,64}$/;

// An id that is not a UUID names no item, and PostgreSQL would refuse it in the query.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const itemFields = { id: true, categoryId: true, kind: true, title: true, description: true, priceFen: true, images: true, details: true } as const;

type ItemRow = { id: string; categoryId: string | null; kind: keyof typeof kindFromDatabase; title: string; description: string; priceFen: number; images: unknown; details: unknown };

/** A catalog row as an Item; null when the catalog schema refuses it (then it reads as gone). */
function itemFromRow({ kind, ...row }: ItemRow): Item | null {
  const parsed = itemSchema.safeParse({ ...row, kind: kindFromDatabase[kind] });
  return parsed.success ? parsed.data : null;
}

const itemIds = (ids: readonly string[]) => [...new Set(ids)].filter((id) => UUID.test(id));

/** The store's visible items among `ids`, as they are now. A row the catalog schema refuses reads as gone. */
export async function liveItems(tx: Transaction, tenantId: string, ids: readonly string[]): Promise<Item[]> {
  const wanted = itemIds(ids);
  if (wanted.length === 0) return [];
  const rows = await tx.catalogItem.findMany({ where: { tenantId, id: { in: wanted }, visible: true }, select: itemFields });
  return rows.flatMap((row) => itemFromRow(row) ?? []);
}

/**
 * A quote: the order's figures with its coupon and the member's discounts, every coupon the shopper could pick
 * instead, and the membership (level, points usable).
 */
export type Quote = { ok: true; order: PricedOrder; offers: CouponOffer[]; membership: MemberDiscounts } | { ok: false; refusals: OrderRefusal[] };

/** The order's figures as it would be placed now (the shopper's coupon applied), or every refusal; reserves nothing. */
export async function quoteOrder(tx: Transaction, input: { tenantId: string; shopperId: string; body: unknown; at?: Date }): Promise<Quote> {
  const { tenantId, shopperId } = input;
  const at = input.at ?? new Date();
  const parsed = parseOrderRequest(input.body);
  if (!parsed.ok) return parsed;
  const { coupon } = parsed.request;
  const [{ delivery }, items, held, member] = await Promise.all([
    readOrderRules(tx, tenantId),
    liveItems(tx, tenantId, parsed.request.lines.map((line) => line.itemId)),
    checkoutCoupons(tx, shopperId, at, coupon ?? null),
    checkoutMember(tx, tenantId, shopperId),
  ]);
  const priced = priceOrder(parsed.request, items, delivery);
  if (!priced.ok) return { ok: false, refusals: priced.refusals };
  const couponed = applyCoupon(priced.order, items, held, coupon, at);
  if (!couponed.ok) return couponed;
  const { order, membership } = applyMembership(couponed.order, member, parsed.request.usePoints);
  return { ok: true, order, offers: couponed.offers, membership };
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
  /**
   * Whether the answer carries the order's wx.requestPayment parameters, as packages uploaded before paying was a
   * request of its own expect. False when the phone asks for them itself (POST /orders/:id/payment): the answer
   * then comes as soon as the order is committed, without WeChat Pay's prepay and its two RSA signatures.
   */
  withPayment: boolean;
  /** Told when WeChat Pay could not prepare the payment of a placed order (it stays unpaid, payable later). */
  onPaymentFailure?: (error: unknown) => void;
};

export type Placement =
  | { ok: true; created: boolean; order: OrderRecord; payment: RequestPayment | null }
  | { ok: false; refusals: OrderRefusal[] }
  | { ok: false; paymentsNotSetUp: true };

/** A placed order, and what its prepay needs that placing already read. */
type Placed = { order: OrderRecord; openid: string; storeName: string; stored: StoredPayment };

/** PostgreSQL's unique_violation: the same Idempotency-Key raced in twice. */
const UNIQUE_VIOLATION = "23505";
/** order_not_placed()'s SQLSTATE (migration 20261203190000_order_placement): refused after writing part of the order. */
const NOT_PLACED = "KD409";
/** The placing statement's reason (in `refused`, or given to order_not_placed()) when the coupon could not be marked used. */
const COUPON_NOT_USED = "the coupon could not be used";
/** Its reason when an item had not enough left of a SKU the order takes. */
const SKU_NOT_RESERVED = "a SKU could not be reserved";
/** Its reason when the member's points were spent meanwhile (another checkout, say) and no longer cover the order's. */
const POINTS_NOT_USED = "the points could not be used";

/** An order's payment number (out_trade_no): its day and 96 random bits, unique across every store and day. */
export function paymentNumber(at: Date): string {
  return `${shanghaiDay(at).replaceAll("-", "").slice(2)}${randomBytes(12).toString("hex")}`;
}

/** What every order is when placed, whatever its kind: unpaid, nothing shipped or refunded, a new payment number. */
export function placedOrderState(at: Date) {
  return {
    status: "pendingPayment" as const,
    paidFen: 0,
    refundedFen: 0,
    refundRequested: false,
    tracking: null,
    paymentNo: paymentNumber(at),
    transactionId: null,
    paidAt: null,
    paymentProblem: null,
    shippingUpload: null,
    shippingProblem: null,
    pickupNumber: null,
    revision: 0,
    createdAt: at,
    updatedAt: at,
  };
}

const skuKey = (itemId: string, options: readonly string[]) => JSON.stringify([itemId, options]);

/** What an order takes from each SKU: its lines of one SKU added together, in the order they first appear. */
type SkuDemand = { line: number; itemId: string; title: string; options: string[]; quantity: number };

function skuDemands(order: PricedOrder, tracked: ReadonlySet<string>): SkuDemand[] {
  const demands = new Map<string, SkuDemand>();
  for (const [index, line] of order.lines.entries()) {
    if (!tracked.has(line.itemId)) continue;
    const key = skuKey(line.itemId, line.skuOptions);
    const demand = demands.get(key);
    if (demand) demand.quantity += line.quantity;
    else demands.set(key, { line: index, itemId: line.itemId, title: line.title, options: line.skuOptions, quantity: line.quantity });
  }
  return [...demands.values()];
}

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
  let outcome: Awaited<ReturnType<typeof place>> | { comeBack: true };
  try {
    outcome = soldOut.length > 0 ? await refuseSoldOut(db, input, soldOut) : await place(db, input, request);
    // Stock came back (a cancellation, an expiry) since this process last heard: the order is placed as any other.
    if ("comeBack" in outcome) outcome = await place(db, input, request);
  } catch (error) {
    if (error instanceof NotReserved) return { ok: false, refusals: [await shortestSku(db, tenantId, error.demands)] };
    if (error instanceof CouponTaken) return { ok: false, refusals: [await db.scoped({ tenantId }, (tx) => couponRefusal(tx, error.shopperCouponId))] };
    if (error instanceof PointsTaken) return { ok: false, refusals: [{ code: "pointsShort", pointsUsed: error.pointsUsed }] };
    // The same key raced in twice: the other request's order is the one.
    if (sqlState(error) !== UNIQUE_VIOLATION) throw error;
    outcome = { placedBefore: true };
  }
  if ("placedBefore" in outcome) return answerPlacedBefore(db, input);
  if (!("order" in outcome)) return outcome;
  const { order, openid, storeName, stored } = outcome;
  return { ok: true, created: true, order, payment: input.withPayment ? await paymentOfPlaced(input, { order, openid, storeName, stored }) : null };
}

/**
 * The requestPayment parameters of an order just placed, from what placing read. When WeChat Pay cannot be
 * reached or refuses, the order still stands, unpaid and holding its stock until it expires: the answer has no
 * parameters and the shopper pays from the order page (POST /orders/:id/payment), which asks again.
 */
async function paymentOfPlaced(input: PlaceOrderInput, placed: Placed): Promise<RequestPayment | null> {
  try {
    const account = paymentAccountOf(placed.stored, input.tenantId, input.payments.masterKey, input.payments.provider);
    const prepared = await prepay({ tenantId: input.tenantId, order: placed.order, openid: placed.openid, storeName: placed.storeName, account }, input.payments);
    return prepared.ok ? prepared.payment : null;
  } catch (error) {
    input.onPaymentFailure?.(error);
    return null;
  }
}

/** A retry of a key that placed an order before: that order, as it now stands, and its payment if still unpaid. */
async function answerPlacedBefore(db: Database, input: PlaceOrderInput): Promise<Placement> {
  const { tenantId, shopperId, idempotencyKey } = input;
  const order = await db.scoped({ tenantId }, async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM orders WHERE tenant_id = ${tenantId}::uuid AND shopper_id = ${shopperId}::uuid AND idempotency_key = ${idempotencyKey}`;
    return rows[0] ? loadOrder(tx, rows[0].id) : null;
  });
  if (!order) throw new Error(`The order of key ${idempotencyKey} was placed and then not found`);
  const payment = input.withPayment && order.status === "pendingPayment"
    ? await paymentFor(db, input.payments, { tenantId, orderId: order.id }, input.onPaymentFailure ?? (() => {}))
    : null;
  return { ok: true, created: false, order, payment };
}

/** The statement found a SKU without enough left; nothing of the order was kept. */
class NotReserved extends Error {
  constructor(readonly demands: SkuDemand[]) {
    super(SKU_NOT_RESERVED);
  }
}

/** The statement found the order's coupon used by another order, or ended, since the read; nothing was kept. */
class CouponTaken extends Error {
  constructor(readonly shopperCouponId: string) {
    super("the coupon could not be used");
  }
}

/** The statement found the member's balance short of the points the order spends (spent meanwhile); nothing was kept. */
class PointsTaken extends Error {
  constructor(readonly pointsUsed: number) {
    super(POINTS_NOT_USED);
  }
}

/** Why the coupon could not be used, as it stands now: another order has it, or its time ran out. */
async function couponRefusal(tx: Transaction, shopperCouponId: string): Promise<OrderRefusal> {
  const coupon = await tx.shopperCoupon.findFirst({ where: { id: shopperCouponId }, select: { orderId: true } });
  return { code: "couponUnusable", coupon: shopperCouponId, reason: coupon?.orderId ? "used" : coupon ? "expired" : "notHeld" };
}

/**
 * The refusal of an order some SKU could not be reserved for, read after the refused write so it counts what is
 * left now: the SKU shortest of what the order asks. One plain read (it waits for no lock), as stockLeft counts.
 */
async function shortestSku(db: Database, tenantId: string, demands: readonly SkuDemand[]): Promise<OrderRefusal> {
  const skus = JSON.stringify(demands.map(({ itemId, options }) => ({ itemId, options })));
  const rows = await db.read<{ left: number }>({ tenantId }, sql`
    SELECT coalesce((SELECT (sku.value ->> 'stock')::int FROM catalog_items c, jsonb_array_elements(c.details -> 'skus') AS sku(value)
      WHERE c.id = (w.value ->> 'itemId')::uuid AND c.visible AND sku.value -> 'options' = w.value -> 'options' LIMIT 1), 0) AS "left"
    FROM jsonb_array_elements(${skus}::jsonb) WITH ORDINALITY AS w(value, ord) ORDER BY w.ord`, BY_KEY);
  const left = rows.map((row) => row.left);
  const shortest = demands.map((demand, index) => ({ demand, left: left[index]! })).reduce((a, b) => (b.left - b.demand.quantity < a.left - a.demand.quantity ? b : a));
  const { demand } = shortest;
  return { code: "notEnoughStock", line: demand.line, itemId: demand.itemId, title: demand.title, options: demand.options, requested: demand.quantity, left: shortest.left };
}

/**
 * The refusal of lines this process remembers sold out, re-checked in one plain read, which waits for no lock (so
 * it never queues behind the orders being placed) and sees every commit made before this request arrived: the
 * key's own order comes first (a retry of an order placed before the sell-out still finds it), and the refusal
 * stands only while every one of those SKUs still shows none left. Memory alone could be a moment late (stock
 * given back by a cancellation whose news is on its way), and an order that could be placed is never refused.
 */
async function refuseSoldOut(db: Database, input: PlaceOrderInput, soldOut: OrderRefusal[]) {
  const skus = JSON.stringify(soldOut.flatMap((refusal) => (refusal.code === "notEnoughStock" ? [{ itemId: refusal.itemId, options: refusal.options }] : [])));
  const [read] = await db.read<{ placed: boolean; still: number }>({ tenantId: input.tenantId }, sql`
    SELECT EXISTS (SELECT 1 FROM orders WHERE tenant_id = ${input.tenantId}::uuid AND shopper_id = ${input.shopperId}::uuid
        AND idempotency_key = ${input.idempotencyKey}) AS placed,
      (SELECT count(*)::int FROM jsonb_to_recordset(${skus}::jsonb) AS w("itemId" uuid, options jsonb)
        WHERE EXISTS (SELECT 1 FROM catalog_items c, jsonb_array_elements(c.details -> 'skus') AS sku(value)
          WHERE c.tenant_id = ${input.tenantId}::uuid AND c.id = w."itemId" AND c.kind = 'PRODUCT' AND c.visible
            AND sku.value -> 'options' = w.options AND (sku.value ->> 'stock')::int <= 0)) AS still`, BY_KEY);
  if (read!.placed) return { placedBefore: true as const };
  return read!.still === soldOut.length ? { ok: false as const, refusals: soldOut } : { comeBack: true as const };
}

/** What placing reads, in one statement: the shopper, the key's order, the store's rules and payment, the items. */
type PlacingRead = StorePaymentRow & {
  openid: string;
  placed: string | null;
  delivery_rules: unknown;
  unpaid_minutes: number | null;
  items: ItemRow[];
  /** The shopper's usable coupons and the one chosen, as @kaidian/coupons' rows. */
  coupons: HeldRow[];
  /** The shopper's membership (balance and spend), null when not a member; and the store's member rule. */
  member: { points: number; spentFen: number } | null;
  member_rules: RulesRow | null;
};

/**
 * Placing reads, prices, then writes: the read is a transaction of its own, sent in one write with its COMMIT, and
 * locks nothing; the write is one statement, committed together with the store's other orders placed meanwhile
 * (`db.grouped`), since every order of a store advances its one daily counter and in a sale they take from the same
 * item. The write re-checks what can change in between and matters: the stock (its conditional UPDATE), the coupon,
 * the points, and the key (unique per shopper).
 */
async function place(db: Database, input: PlaceOrderInput, request: OrderRequest) {
  const scope = { tenantId: input.tenantId };
  const [read] = await db.read<PlacingRead>(scope, placingRead(input, request), BY_KEY);
  const placing = orderOfRead(read, input, request);
  if (!("record" in placing)) return placing;
  const { record, demands, openid, storeName, stored } = placing;
  let written: { number: string | null; refused: string | null } | undefined;
  try {
    [written] = await db.grouped<{ number: string | null; refused: string | null }>(scope, placingStatement(record, input.idempotencyKey, demands, request.lines.map(cartLineKey)), BY_KEY);
  } catch (error) {
    if (sqlState(error) !== NOT_PLACED) throw error;
    throw refusalOf((error as Error).message, record, demands);
  }
  if (!written?.number) throw refusalOf(written?.refused ?? SKU_NOT_RESERVED, record, demands);
  return { order: { ...record, number: written.number }, openid, storeName, stored } satisfies Placed;
}

/** What to tell the shopper of an order its write refused, for the statement's reason. */
function refusalOf(reason: string, record: OrderRecord, demands: SkuDemand[]): Error {
  if (reason === POINTS_NOT_USED) return new PointsTaken(record.pointsUsed);
  return reason === COUPON_NOT_USED && record.shopperCouponId ? new CouponTaken(record.shopperCouponId) : new NotReserved(demands);
}

/** placing's one read (see PlacingRead). */
function placingRead(input: PlaceOrderInput, request: OrderRequest) {
  const { tenantId, shopperId, idempotencyKey } = input;
  const at = input.at ?? new Date();
  return sql`
    SELECT s.openid, o.id AS placed, t.name AS store_name, w.appid,
      p.mode AS payment_mode, p.account AS payment_account, p.keys_ciphertext, p.check_problem,
      os.delivery_rules, os.unpaid_minutes,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('id', c.id, 'categoryId', c.category_id, 'kind', c.kind, 'title', c.title,
          'description', c.description, 'priceFen', c.price_fen, 'images', c.images, 'details', c.details)), '[]')
        FROM catalog_items c WHERE c.tenant_id = s.tenant_id AND c.id = ANY(${itemIds(request.lines.map((line) => line.itemId))}::uuid[]) AND c.visible) AS items,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('id', h.id, 'coupon_id', h.coupon_id, 'valid_from', h.valid_from,
          'valid_until', h.valid_until, 'order_id', h.order_id, 'claimed_at', h.claimed_at, 'name', k.name, 'kind', k.kind,
          'amount_fen', k.amount_fen, 'percent_off', k.percent_off, 'threshold_fen', k.threshold_fen, 'category_ids', k.category_ids,
          'item_ids', k.item_ids)), '[]')
        FROM shopper_coupons h JOIN coupons k ON k.tenant_id = h.tenant_id AND k.id = h.coupon_id
        WHERE h.tenant_id = s.tenant_id AND h.shopper_id = s.id
          AND ((h.order_id IS NULL AND h.valid_until > ${at}::timestamptz) OR h.id = ${request.coupon ?? null}::uuid)) AS coupons,
      (SELECT jsonb_build_object('points', m.points, 'spentFen', m.spent_fen) FROM members m
        WHERE m.tenant_id = s.tenant_id AND m.shopper_id = s.id) AS member,
      (SELECT jsonb_build_object('pointsEnabled', ms.points_enabled, 'pointsPerYuan', ms.points_per_yuan, 'pointsPerYuanOff', ms.points_per_yuan_off,
          'maxPointsPercent', ms.max_points_percent, 'levels', ms.levels)
        FROM member_settings ms WHERE ms.tenant_id = s.tenant_id) AS member_rules
    FROM shoppers s
    JOIN tenants t ON t.id = s.tenant_id
    LEFT JOIN orders o ON o.tenant_id = s.tenant_id AND o.shopper_id = s.id AND o.idempotency_key = ${idempotencyKey}
    LEFT JOIN wechat_credentials w ON w.tenant_id = s.tenant_id
    LEFT JOIN payment_settings p ON p.tenant_id = s.tenant_id
    LEFT JOIN order_settings os ON os.tenant_id = s.tenant_id
    WHERE s.tenant_id = ${tenantId}::uuid AND s.id = ${shopperId}::uuid`;
}

/** An order priced from placing's read, to be written, with what its prepay needs. */
type Priced = { record: OrderRecord; demands: SkuDemand[]; openid: string; storeName: string; stored: StoredPayment };

/** The order as the read prices it; or why it cannot be placed. */
function orderOfRead(
  read: PlacingRead | undefined,
  input: PlaceOrderInput,
  request: OrderRequest,
): Priced | { placedBefore: true } | { ok: false; refusals: OrderRefusal[] } | { ok: false; paymentsNotSetUp: true } {
  const { tenantId, shopperId } = input;
  const at = input.at ?? new Date();
  if (!read) throw new Error(`No shopper ${shopperId} in store ${tenantId}`);
  if (read.placed) return { placedBefore: true as const };
  const stored = storedPaymentOf(read);
  if (!paymentsReadyOf(stored, input.payments.provider)) return { ok: false as const, paymentsNotSetUp: true as const };
  // As readOrderRules: a stored rule an older build wrote that no longer parses falls back to the defaults.
  const rules: DeliveryRules = deliveryRulesSchema.safeParse(read.delivery_rules).data ?? DEFAULT_DELIVERY_RULES;
  const items = read.items.flatMap((row) => itemFromRow(row) ?? []);
  const priced = priceOrder(request, items, rules);
  if (!priced.ok) return { ok: false as const, refusals: priced.refusals };
  const couponed = applyCoupon(priced.order, items, read.coupons.map(heldOfRow), request.coupon, at);
  if (!couponed.ok) return { ok: false as const, refusals: couponed.refusals };
  const member = read.member ? { ...read.member, rules: rulesOfRow(read.member_rules) } : null;
  const { order } = applyMembership(couponed.order, member, request.usePoints);
  if (request.seenPointsUsed !== undefined && order.pointsUsed !== request.seenPointsUsed) {
    return { ok: false as const, refusals: [{ code: "pointsShort" as const, pointsUsed: request.seenPointsUsed }] };
  }

  const tracked = new Set(items.filter((item) => item.kind === "product" && item.details.skus.length > 0).map((item) => item.id));
  const demands = skuDemands(order, tracked);
  const { delivery } = order;
  const record: OrderRecord = {
    tenantId,
    id: randomUUID(),
    // Written by the statement below, from the store's daily sequence.
    number: "",
    shopperId,
    ...placedOrderState(at),
    delivery: delivery.method,
    address: delivery.method === "express" ? delivery.address : null,
    pickupAddress: delivery.method === "pickup" ? rules.pickup.address : "",
    note: order.note,
    subtotalFen: order.subtotalFen,
    deliveryFeeFen: order.deliveryFeeFen,
    discountFen: order.discountFen,
    shopperCouponId: order.shopperCouponId,
    levelDiscountFen: order.levelDiscountFen,
    pointsUsed: order.pointsUsed,
    pointsDiscountFen: order.pointsDiscountFen,
    totalFen: order.totalFen,
    expiresAt: new Date(at.getTime() + (read.unpaid_minutes ?? DEFAULT_UNPAID_MINUTES) * 60_000),
    lines: order.lines.map((line, position) => ({ position, ...line, stockReserved: tracked.has(line.itemId) })),
    events: [{ id: randomUUID(), action: "place", from: null, to: "pendingPayment", actor: { role: "shopper", id: shopperId }, reason: "", amountFen: null, tracking: null, at }],
  };
  return { record, demands, openid: read.openid, storeName: read.store_name, stored };
}

/**
 * The order's one write. The reservation is ONE conditional UPDATE of the order's items: each item row is
 * changed only when every SKU the order takes from it has enough left, a condition PostgreSQL re-checks on the
 * newest row version once it holds the row's lock, so no interleaving oversells. That condition is a scalar
 * subquery of the row itself on purpose: written as NOT EXISTS against a CTE, the planner makes it an anti-join,
 * whose re-check on the newest version passes whatever the stock (20 racing for 5 all got one). The SKUs are
 * rebuilt by their options (a concurrent reorder cannot make it take the wrong one), and the item's `revision` is
 * left alone: a merchant editing the item meanwhile is not refused because a shopper bought something. Only when
 * every item was reserved does the store's daily sequence advance and the order, its lines and first event go in,
 * and the lines leave the cart; otherwise the statement answers why (`refused`), having written nothing. When it
 * had already written part of the order (one item of two reserved, the coupon marked used), order_not_placed()
 * fails it instead, so that its transaction undoes that part; the rest of its group is then written again without
 * it (db.grouped). In a sale's sell-out, where most refusals write nothing, the group goes on.
 * The shopper's coupon is marked used by the same statement, on the same terms: one conditional UPDATE (not used
 * on another order, within its validity), and the order goes in only if it took; so a coupon raced onto two orders
 * discounts one of them, and the other is refused with nothing written. A member's points are spent the same way:
 * one conditional UPDATE of their balance (only while it holds them) with its ledger row, so two checkouts spending
 * the same points cannot both go in.
 */
function placingStatement(order: OrderRecord, idempotencyKey: string, demands: readonly SkuDemand[], cartKeys: readonly string[]) {
  const reservations = JSON.stringify(demands.map(({ itemId, options, quantity }) => ({ itemId, options, quantity })));
  const itemIds = [...new Set(demands.map((demand) => demand.itemId))];
  const [event] = order.events;
  // formatOrderNumber's day part; the sequence is padded to 4 digits in SQL as it does, and grows wider after.
  const day = shanghaiDay(order.createdAt);
  const dayPrefix = formatOrderNumber(order.createdAt, 1).split("-")[0]!;
  return sql`
    WITH reserved AS (
      UPDATE catalog_items c
      SET details = jsonb_set(c.details, '{skus}', (
        SELECT jsonb_agg(CASE WHEN w.quantity IS NULL THEN sku.value
            ELSE jsonb_set(sku.value, '{stock}', to_jsonb((sku.value ->> 'stock')::int - w.quantity)) END ORDER BY sku.ord)
        FROM jsonb_array_elements(c.details -> 'skus') WITH ORDINALITY AS sku(value, ord)
        LEFT JOIN jsonb_to_recordset(${reservations}::jsonb) AS w("itemId" uuid, options jsonb, quantity int)
          ON w."itemId" = c.id AND w.options = sku.value -> 'options'))
      WHERE c.tenant_id = ${order.tenantId}::uuid AND c.id = ANY(${itemIds}::uuid[]) AND c.kind = 'PRODUCT' AND c.visible
        AND (SELECT bool_and(coalesce((sku.value ->> 'stock')::int >= w.quantity, false))
          FROM jsonb_to_recordset(${reservations}::jsonb) AS w("itemId" uuid, options jsonb, quantity int)
          LEFT JOIN LATERAL (
            SELECT value FROM jsonb_array_elements(c.details -> 'skus') AS skus(value) WHERE value -> 'options' = w.options LIMIT 1
          ) sku ON true
          WHERE w."itemId" = c.id)
      RETURNING c.id
    ), coupon AS (
      UPDATE shopper_coupons SET order_id = ${order.id}::uuid, used_at = ${order.createdAt}::timestamptz
      WHERE tenant_id = ${order.tenantId}::uuid AND id = ${order.shopperCouponId}::uuid AND shopper_id = ${order.shopperId}::uuid
        AND order_id IS NULL AND valid_from <= ${order.createdAt}::timestamptz AND valid_until > ${order.createdAt}::timestamptz
      RETURNING id
    ), points AS (
      UPDATE members SET points = points - ${order.pointsUsed}::int
      WHERE tenant_id = ${order.tenantId}::uuid AND shopper_id = ${order.shopperId}::uuid AND ${order.pointsUsed}::int > 0
        AND points >= ${order.pointsUsed}::int
      RETURNING tenant_id, id, points
    ), sequence AS (
      INSERT INTO order_sequences AS s (tenant_id, day, last)
      SELECT ${order.tenantId}::uuid, ${day}::date, 1
      WHERE (SELECT count(*) FROM reserved) = ${itemIds.length}::int AND (SELECT count(*) FROM coupon) = ${order.shopperCouponId ? 1 : 0}::int
        AND (SELECT count(*) FROM points) = ${order.pointsUsed > 0 ? 1 : 0}::int
      ON CONFLICT (tenant_id, day) DO UPDATE SET last = s.last + 1
      RETURNING last
    ), placed AS (
      INSERT INTO orders (tenant_id, id, number, shopper_id, status, delivery, address, pickup_address, note, subtotal_fen,
        delivery_fee_fen, discount_fen, shopper_coupon_id, level_discount_fen, points_used, points_discount_fen, total_fen, payment_no, expires_at, idempotency_key, created_at, updated_at)
      SELECT ${order.tenantId}::uuid, ${order.id}::uuid, ${dayPrefix} || '-' || lpad(last::text, greatest(4, length(last::text)), '0'),
        ${order.shopperId}::uuid, ${order.status}, ${order.delivery}, ${order.address === null ? null : JSON.stringify(order.address)}::jsonb,
        ${order.pickupAddress}, ${order.note}, ${order.subtotalFen}::int, ${order.deliveryFeeFen}::int, ${order.discountFen}::int,
        ${order.shopperCouponId}::uuid, ${order.levelDiscountFen}::int, ${order.pointsUsed}::int, ${order.pointsDiscountFen}::int, ${order.totalFen}::int, ${order.paymentNo},
        ${order.expiresAt}::timestamptz, ${idempotencyKey}, ${order.createdAt}::timestamptz, ${order.updatedAt}::timestamptz
      FROM sequence
      RETURNING tenant_id, id, number
    ), lines AS (
      INSERT INTO order_lines (tenant_id, order_id, position, item_id, kind, title, sku_options, dish_options, quantity, unit_price_fen,
        line_total_fen, stock_reserved)
      SELECT placed.tenant_id, placed.id, l."position", l."itemId", l.kind, l.title, l."skuOptions", l."dishOptions", l.quantity,
        l."unitPriceFen", l."lineTotalFen", l."stockReserved"
      FROM placed, jsonb_to_recordset(${JSON.stringify(order.lines)}::jsonb) AS l("position" int, "itemId" uuid, kind text, title text,
        "skuOptions" jsonb, "dishOptions" jsonb, quantity int, "unitPriceFen" int, "lineTotalFen" int, "stockReserved" boolean)
    ), event AS (
      INSERT INTO order_events (tenant_id, id, order_id, action, from_status, to_status, actor_role, actor_id, at)
      SELECT tenant_id, ${event!.id}::uuid, id, ${event!.action}, NULL, ${event!.to}, ${event!.actor.role}, ${event!.actor.id}::uuid,
        ${event!.at}::timestamptz
      FROM placed
    ), redeemed AS (
      INSERT INTO point_entries (tenant_id, member_id, change, balance, reason, order_id, at)
      SELECT points.tenant_id, points.id, -${order.pointsUsed}::int, points.points, 'redeemed', placed.id, ${order.createdAt}::timestamptz
      FROM points, placed
    ), cart AS (
      DELETE FROM cart_lines
      WHERE tenant_id = ${order.tenantId}::uuid AND shopper_id = ${order.shopperId}::uuid AND line_key = ANY(${cartKeys}::text[])
        AND EXISTS (SELECT 1 FROM placed)
    ), refusal AS (
      SELECT (SELECT count(*) FROM reserved) + (SELECT count(*) FROM coupon) + (SELECT count(*) FROM points) > 0 AS wrote_part,
        CASE
          WHEN (SELECT count(*) FROM coupon) <> ${order.shopperCouponId ? 1 : 0}::int THEN ${COUPON_NOT_USED}
          WHEN (SELECT count(*) FROM points) <> ${order.pointsUsed > 0 ? 1 : 0}::int THEN ${POINTS_NOT_USED}
          ELSE ${SKU_NOT_RESERVED} END AS reason
    )
    SELECT (SELECT number FROM placed) AS number, CASE
      WHEN EXISTS (SELECT 1 FROM placed) THEN NULL
      -- Something was written before the refusal (one item of two reserved, the coupon marked used): undone by failing.
      WHEN wrote_part THEN order_not_placed(reason)
      ELSE reason END AS refused
    FROM refusal`;
}
