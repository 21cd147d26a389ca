// Hotel bookings on the order core. A booking is an order with delivery "stay": one line (the room type, the stay's
// total), a stays row (dates, guest, the nights' rates and the cancellation policy as booked), paid through the same
// WeChat Pay path, changed only through changeOrder (which moves the room on its nights: see stay-nights.ts) and
// refunded through the same refunds (refunds.ts). Prices come from the room's live rates, never from the phone.
import { randomBytes, randomUUID } from "node:crypto";
import { type Cancellation, cancellationSchema, type Item } from "@kaidian/catalog";
import { listRooms, nightsBetween, type RoomRef } from "@kaidian/catalog/server";
import type { Database, Transaction } from "@kaidian/db";
import { type Actor, availableActions, type TransitionRefusal } from "../lifecycle";
import { formatOrderNumber, shanghaiDay } from "../order-number";
import { MAX_ORDER_TOTAL_FEN } from "../pricing";
import type { Locale } from "../refusals";
import {
  addStayDays,
  bookingRequestSchema,
  cancellationRefund,
  cancellationText,
  type CancellationQuote,
  MAX_DAYS_AHEAD,
  parseStayRequest,
  shanghaiToday,
  type StayDates,
  stayDays,
  stayQuoteSchema,
  type StayRefusal,
} from "../stays";
import { changeOrder } from "./change-order";
import { paymentFor, type RequestPayment, storeTakesPayment } from "./checkout-payment";
import { loadOrder, type OrderRecord } from "./order-record";
import { readOrderRules } from "./ordering";
import type { PaymentDeps } from "./payment-deps";
import { liveItems } from "./place-order";
import { askRefund, recordRefund, type RefundView } from "./refunds";
import { orderView, type OrderView } from "./shopper-orders";
import { holdNights } from "./stay-nights";

type Room = Extract<Item, { kind: "room" }>;

export type StayNight = { date: string; rateFen: number; left: number; closed: boolean };

export type StayQuote = {
  itemId: string;
  title: string;
  capacity: number;
  checkIn: string;
  checkOut: string;
  nights: StayNight[];
  totalFen: number;
  cancellation: Cancellation;
  cancellationText: string;
};

export type StayQuoteResult = { ok: true; quote: StayQuote; refusals: StayRefusal[] } | { ok: false; refusals: StayRefusal[] };

/** The store's visible room type `itemId`, as shoppers see it; null when it is gone, hidden or not a room. */
async function liveRoom(tx: Transaction, tenantId: string, itemId: string): Promise<Room | null> {
  const [item] = await liveItems(tx, tenantId, [itemId]);
  return item?.kind === "room" ? item : null;
}

function roomRef(tenantId: string, room: Room): RoomRef {
  return { tenantId, id: room.id, title: room.title, priceFen: room.priceFen, rooms: room.details.rooms, nightsRevision: 0 };
}

/** Refusals of the dates themselves against the store's today (Asia/Shanghai). */
function dateRefusals(dates: StayDates, at: Date): StayRefusal[] {
  const today = shanghaiToday(at);
  if (stayDays(today, dates.checkIn) < 0) return [{ code: "stayInPast", today }];
  const lastDate = addStayDays(today, MAX_DAYS_AHEAD);
  if (stayDays(dates.checkIn, lastDate) < 0) return [{ code: "stayTooFarAhead", lastDate }];
  return [];
}

/**
 * Each night of the stay with its rate and the rooms left after bookings, the total, and the room's cancellation
 * policy; `refusals` name the nights closed or sold out (and dates or guests that do not fit) without refusing the
 * quote, so the booking form can show every night. Reserves nothing.
 */
export async function quoteStay(tx: Transaction, tenantId: string, body: unknown, options: { at?: Date; locale?: Locale } = {}): Promise<StayQuoteResult> {
  const quoted = await quoteRoom(tx, tenantId, body, options);
  return quoted.ok ? { ok: true, quote: quoted.quote, refusals: quoted.refusals } : quoted;
}

type RoomQuote = { ok: true; quote: StayQuote; refusals: StayRefusal[]; rooms: number } | { ok: false; refusals: StayRefusal[] };

async function quoteRoom(tx: Transaction, tenantId: string, body: unknown, options: { at?: Date; locale?: Locale }): Promise<RoomQuote> {
  const parsed = parseStayRequest(stayQuoteSchema, body);
  if (!parsed.ok) return parsed;
  const dates = parsed.request;
  const room = await liveRoom(tx, tenantId, dates.itemId);
  if (!room) return { ok: false, refusals: [{ code: "roomGone", itemId: dates.itemId }] };
  const nights = (await nightsBetween(tx, roomRef(tenantId, room), dates.checkIn, addStayDays(dates.checkOut, -1))).map(
    (night): StayNight => ({ date: night.date, rateFen: night.rateFen, left: night.available, closed: night.closed }),
  );
  const refusals: StayRefusal[] = [
    ...dateRefusals(dates, options.at ?? new Date()),
    ...nights.filter((night) => night.left === 0).map((night): StayRefusal => (night.closed ? { code: "nightClosed", date: night.date } : { code: "nightSoldOut", date: night.date })),
  ];
  if (dates.guests !== undefined && dates.guests > room.details.capacity) refusals.push({ code: "tooManyGuests", capacity: room.details.capacity });
  const quote: StayQuote = {
    itemId: room.id,
    title: room.title,
    capacity: room.details.capacity,
    checkIn: dates.checkIn,
    checkOut: dates.checkOut,
    nights,
    totalFen: nights.reduce((sum, night) => sum + night.rateFen, 0),
    cancellation: room.details.cancellation,
    cancellationText: cancellationText(room.details.cancellation, options.locale),
  };
  return { ok: true, quote, refusals, rooms: room.details.rooms };
}

export type PlaceBookingInput = {
  tenantId: string;
  shopperId: string;
  idempotencyKey: string;
  body: unknown;
  at?: Date;
  payments: PaymentDeps;
  onPaymentFailure?: (error: unknown) => void;
};

export type BookingPlacement =
  | { ok: true; created: boolean; order: OrderRecord; payment: RequestPayment | null }
  | { ok: false; refusals: StayRefusal[] }
  | { ok: false; paymentsNotSetUp: true };

/** Thrown inside the transaction so the nights already held roll back with it. */
class Refused extends Error {
  constructor(readonly refusal: StayRefusal) {
    super(refusal.code);
  }
}

/**
 * Books the stay: in ONE transaction the room is held on every night (one conditional statement), the store's next
 * order number taken, and the order, its line, its first event and its stay written; any refusal rolls all of it
 * back. Then WeChat Pay prepares the payment, as for any order. A retried request (same Idempotency-Key) finds the
 * booking it placed.
 */
export async function placeBooking(db: Database, input: PlaceBookingInput): Promise<BookingPlacement> {
  const parsed = parseStayRequest(bookingRequestSchema, input.body);
  if (!parsed.ok) return parsed;
  let placed: { order: OrderRecord; created: boolean } | BookingPlacement;
  try {
    placed = await db.scoped({ tenantId: input.tenantId }, (tx) => book(tx, input, parsed.request));
  } catch (error) {
    if (error instanceof Refused) return { ok: false, refusals: [error.refusal] };
    // The same key raced in twice: the other request's booking is the one.
    const again = await db.scoped({ tenantId: input.tenantId }, (tx) => bookedBefore(tx, input));
    if (!again) throw error;
    placed = { order: again, created: false };
  }
  if ("ok" in placed) return placed;
  const { order } = placed;
  const payment = order.status === "pendingPayment"
    ? await paymentFor(db, input.payments, { tenantId: input.tenantId, orderId: order.id }, input.onPaymentFailure ?? (() => {}))
    : null;
  return { ok: true, created: placed.created, order, payment };
}

async function bookedBefore(tx: Transaction, input: PlaceBookingInput): Promise<OrderRecord | null> {
  const row = await tx.order.findFirst({ where: { shopperId: input.shopperId, idempotencyKey: input.idempotencyKey }, select: { id: true } });
  return row ? loadOrder(tx, row.id) : null;
}

async function book(tx: Transaction, input: PlaceBookingInput, request: ReturnType<typeof bookingRequestSchema.parse>) {
  const { tenantId, shopperId } = input;
  const before = await bookedBefore(tx, input);
  if (before) return { order: before, created: false };
  if (!(await storeTakesPayment(tx, input.payments))) return { ok: false as const, paymentsNotSetUp: true as const };
  const at = input.at ?? new Date();
  const quoted = await quoteRoom(tx, tenantId, request, { at });
  if (!quoted.ok) return { ok: false as const, refusals: quoted.refusals };
  // Closed and sold-out nights are left to the hold, which decides under concurrency and names the first of them.
  const refusals = quoted.refusals.filter((refusal) => refusal.code !== "nightClosed" && refusal.code !== "nightSoldOut");
  if (refusals.length > 0) return { ok: false as const, refusals };
  const { quote } = quoted;
  if (quote.totalFen !== request.seenTotalFen) return { ok: false as const, refusals: [{ code: "totalChanged" as const, seenFen: request.seenTotalFen, currentFen: quote.totalFen }] };
  if (quote.totalFen < 1 || quote.totalFen > MAX_ORDER_TOTAL_FEN) throw new Error(`A stay totalling ${quote.totalFen} fen cannot be paid`);

  const held = await holdNights(tx, { tenantId, itemId: quote.itemId, checkIn: request.checkIn, checkOut: request.checkOut }, quoted.rooms);
  if (!held.ok) throw new Refused(held.closed ? { code: "nightClosed", date: held.date } : { code: "nightSoldOut", date: held.date });

  const { unpaidMinutes } = await readOrderRules(tx, tenantId);
  const [sequence] = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO order_sequences AS s (tenant_id, day, last) VALUES (${tenantId}::uuid, ${shanghaiDay(at)}::date, 1)
    ON CONFLICT (tenant_id, day) DO UPDATE SET last = s.last + 1
    RETURNING last`;
  const orderId = randomUUID();
  const nights = JSON.stringify(quote.nights.map(({ date, rateFen }) => ({ date, rateFen })));
  await tx.$executeRaw`
    WITH placed AS (
      INSERT INTO orders (tenant_id, id, number, shopper_id, status, delivery, note, subtotal_fen, delivery_fee_fen, total_fen,
        payment_no, expires_at, idempotency_key, created_at, updated_at)
      VALUES (${tenantId}::uuid, ${orderId}::uuid, ${formatOrderNumber(at, sequence!.last)}, ${shopperId}::uuid, 'pendingPayment', 'stay', '',
        ${quote.totalFen}, 0, ${quote.totalFen}, ${`${shanghaiDay(at).replaceAll("-", "").slice(2)}${randomBytes(12).toString("hex")}`},
        ${new Date(at.getTime() + unpaidMinutes * 60_000)}, ${input.idempotencyKey}, ${at}, ${at})
      RETURNING tenant_id, id
    ), line AS (
      INSERT INTO order_lines (tenant_id, order_id, position, item_id, kind, title, quantity, unit_price_fen, line_total_fen)
      SELECT tenant_id, id, 0, ${quote.itemId}::uuid, 'room', ${quote.title}, 1, ${quote.totalFen}, ${quote.totalFen} FROM placed
    ), stay AS (
      INSERT INTO stays (tenant_id, order_id, item_id, check_in, check_out, guests, guest_name, guest_phone, nights, cancellation)
      SELECT tenant_id, id, ${quote.itemId}::uuid, ${request.checkIn}::date, ${request.checkOut}::date, ${request.guests}, ${request.guestName},
        ${request.guestPhone}, ${nights}::jsonb, ${JSON.stringify(quote.cancellation)}::jsonb FROM placed
    )
    INSERT INTO order_events (tenant_id, id, order_id, action, from_status, to_status, actor_role, actor_id, at)
    SELECT tenant_id, ${randomUUID()}::uuid, id, 'place', NULL, 'pendingPayment', 'shopper', ${shopperId}::uuid, ${at} FROM placed`;
  return { order: (await loadOrder(tx, orderId))!, created: true };
}

/** A booking's stay as stored. */
export type StayRecord = {
  orderId: string;
  itemId: string;
  checkIn: string;
  checkOut: string;
  guests: number;
  guestName: string;
  guestPhone: string;
  nights: { date: string; rateFen: number }[];
  cancellation: Cancellation;
};

const stayFields = { orderId: true, itemId: true, checkIn: true, checkOut: true, guests: true, guestName: true, guestPhone: true, nights: true, cancellation: true } as const;

function stayRecord(row: { orderId: string; itemId: string; checkIn: Date; checkOut: Date; guests: number; guestName: string; guestPhone: string; nights: unknown; cancellation: unknown }): StayRecord {
  return {
    ...row,
    checkIn: row.checkIn.toISOString().slice(0, 10),
    checkOut: row.checkOut.toISOString().slice(0, 10),
    nights: row.nights as StayRecord["nights"],
    cancellation: cancellationSchema.parse(row.cancellation),
  };
}

export async function loadStay(tx: Transaction, orderId: string): Promise<StayRecord | null> {
  const row = await tx.stay.findFirst({ where: { orderId }, select: stayFields });
  return row ? stayRecord(row) : null;
}

export type BookingView = { order: OrderView; stay: StayRecord & { cancellationText: string }; cancellation: CancellationQuote | null };

/** What cancelling this paid booking would refund now; null for a booking that is not paid (cancelling it refunds nothing). */
function cancellationNow(order: OrderRecord, stay: StayRecord, at: Date): CancellationQuote | null {
  if (!availableActions(order, "shopper").includes("cancelStay")) return null;
  return cancellationRefund(stay.cancellation, { checkIn: stay.checkIn, paidFen: order.paidFen, refundedFen: order.refundedFen }, at);
}

/** The shopper's own booking with its stay and what cancelling it now would refund; null when not theirs. */
export async function shopperBooking(tx: Transaction, shopperId: string, orderId: string, locale: Locale, at: Date = new Date()): Promise<BookingView | null> {
  const order = await loadOrder(tx, orderId);
  if (!order || order.shopperId !== shopperId || order.delivery !== "stay") return null;
  const stay = (await loadStay(tx, orderId))!;
  return { order: orderView(order, locale), stay: { ...stay, cancellationText: cancellationText(stay.cancellation, locale) }, cancellation: cancellationNow(order, stay, at) };
}

export type CancelBookingInput = {
  tenantId: string;
  shopperId: string;
  orderId: string;
  /** The refund the shopper was shown and confirmed: a different one now (a deadline passed) is told, not applied. */
  seenRefundFen: number;
  reason?: string;
  at?: Date;
};

export type CancelBookingResult =
  | { ok: true; booking: BookingView; refund: RefundView | null; refundProblem: string | null }
  | { ok: false; notFound: true }
  | { ok: false; refusal: TransitionRefusal }
  | { ok: false; stayStarted: true }
  | { ok: false; refundChanged: true; refundFen: number };

/**
 * The guest cancels their booking. Unpaid, it is the order's ordinary cancel. Paid, the server computes the refund
 * from the policy stored with the booking; the cancellation and its refund are recorded together (the room goes back
 * on sale) and then the refund is asked of WeChat Pay, by the system, and settles as every refund does; one WeChat
 * Pay did not accept is asked again by the order timers until it does.
 */
export async function cancelBooking(db: Database, input: CancelBookingInput, deps: PaymentDeps, locale: Locale = "zh-CN"): Promise<CancelBookingResult> {
  const at = input.at ?? new Date();
  const actor: Actor = { role: "shopper", id: input.shopperId };
  const reason = locale === "zh-CN" ? "取消预订，按取消政策退款" : "Booking cancelled: refund per the cancellation policy";
  const cancelled = await db.scoped({ tenantId: input.tenantId }, async (tx): Promise<CancelBookingResult | { ok: true; refundId: string | null; refusedRefund?: string }> => {
    const order = await loadOrder(tx, input.orderId);
    if (!order || order.shopperId !== input.shopperId || order.delivery !== "stay") return { ok: false, notFound: true };
    const stay = (await loadStay(tx, order.id))!;
    let refundFen = 0;
    let command: Parameters<typeof changeOrder>[1]["command"] = { action: "cancel", reason: input.reason ?? "" };
    const quote = cancellationNow(order, stay, at);
    if (quote) {
      if (!quote.ok) return { ok: false, stayStarted: true };
      if (quote.refundFen !== input.seenRefundFen) return { ok: false, refundChanged: true, refundFen: quote.refundFen };
      refundFen = quote.refundFen;
      command = { action: "cancelStay", refundFen, reason: input.reason ?? "" };
    }
    const changed = await changeOrder(tx, { orderId: order.id, command, actor, at });
    if (!changed.ok) return "notFound" in changed ? { ok: false, notFound: true } : { ok: false, refusal: changed.refusal };
    if (refundFen === 0) return { ok: true, refundId: null };
    // The refund is recorded with the cancellation, in one transaction: if this process dies before WeChat Pay
    // answers, the order timers ask for it (refunds.ts retryDueRefunds).
    const recorded = await recordRefund(tx, { tenantId: input.tenantId, orderId: order.id, amountFen: refundFen, reason, restock: false, actor: { role: "system", id: null } });
    // Refused (paid other than through WeChat Pay): the booking is cancelled all the same, the refund told as a problem.
    if (!recorded.ok) return { ok: true, refundId: null, refusedRefund: "refusal" in recorded ? recorded.refusal.code : "notFound" };
    return { ok: true, refundId: recorded.refund.id };
  });
  if (!cancelled.ok) return cancelled;
  let refund: RefundView | null = null;
  let refundProblem: string | null = "refusedRefund" in cancelled ? (cancelled.refusedRefund ?? null) : null;
  if ("refundId" in cancelled && cancelled.refundId) {
    const refunded = await askRefund(db, deps, { tenantId: input.tenantId, refundId: cancelled.refundId });
    refund = refunded.refund;
    if (!refunded.ok) refundProblem = refunded.wechatPay;
  }
  const booking = await db.scoped({ tenantId: input.tenantId }, (tx) => shopperBooking(tx, input.shopperId, input.orderId, locale, at));
  return { ok: true, booking: booking!, refund, refundProblem };
}

// ---------- The front desk ----------

export const FRONT_DESK_ACTIONS = ["checkIn", "checkOut", "markNoShow"] as const;
export type FrontDeskAction = (typeof FRONT_DESK_ACTIONS)[number];

export type FrontDeskResult =
  | { ok: true; order: OrderRecord }
  | { ok: false; notFound: true }
  | { ok: false; refusal: TransitionRefusal }
  /** Check-in and no-show wait for the check-in day (store time). */
  | { ok: false; beforeArrival: true; checkIn: string };

/** Checks a guest in or out, or records a no-show, through the lifecycle. */
export async function frontDeskAction(tx: Transaction, input: { orderId: string; action: FrontDeskAction; actor: Actor; at?: Date }): Promise<FrontDeskResult> {
  const at = input.at ?? new Date();
  const stay = await loadStay(tx, input.orderId);
  if (!stay) return { ok: false, notFound: true };
  if (input.action !== "checkOut" && stayDays(shanghaiToday(at), stay.checkIn) > 0) return { ok: false, beforeArrival: true, checkIn: stay.checkIn };
  const changed = await changeOrder(tx, { orderId: input.orderId, command: { action: input.action }, actor: input.actor, at });
  if (changed.ok) return { ok: true, order: changed.order };
  return "notFound" in changed ? { ok: false, notFound: true } : { ok: false, refusal: changed.refusal };
}

export type FrontDeskStay = StayRecord & { number: string; status: OrderRecord["status"]; totalFen: number; paidFen: number; title: string };

/** Bookings arriving (check-in today, paid or already in) and departing (check-out today, checked in) on `day`. */
export async function frontDesk(tx: Transaction, day: string): Promise<{ arrivals: FrontDeskStay[]; departures: FrontDeskStay[] }> {
  const rows = await tx.stay.findMany({
    where: {
      OR: [
        { checkIn: new Date(`${day}T00:00:00Z`), order: { status: { in: ["paid", "checkedIn", "noShow"] } } },
        { checkOut: new Date(`${day}T00:00:00Z`), order: { status: { in: ["checkedIn", "completed"] } } },
      ],
    },
    select: { ...stayFields, order: { select: { number: true, status: true, totalFen: true, paidFen: true, lines: { select: { title: true }, take: 1 } } } },
    orderBy: [{ guestName: "asc" }],
  });
  const stays = rows.map(({ order, ...row }): FrontDeskStay => ({
    ...stayRecord(row),
    number: order.number,
    status: order.status as OrderRecord["status"],
    totalFen: order.totalFen,
    paidFen: order.paidFen,
    title: order.lines[0]?.title ?? "",
  }));
  return { arrivals: stays.filter((stay) => stay.checkIn === day), departures: stays.filter((stay) => stay.checkOut === day) };
}

export type CalendarRoom = { id: string; title: string; rooms: number; nights: { date: string; offered: number; held: number; sold: number; left: number; closed: boolean }[] };

/** Every room type × the `days` nights from `from`: rooms offered, held (awaiting payment), sold and left. */
export async function bookingsCalendar(tx: Transaction, from: string, days: number): Promise<CalendarRoom[]> {
  const rooms = await listRooms(tx);
  const to = addStayDays(from, days - 1);
  return Promise.all(
    rooms.map(async (room) => ({
      id: room.id,
      title: room.title,
      rooms: room.rooms,
      nights: (await nightsBetween(tx, room, from, to)).map((night) => ({
        date: night.date,
        offered: night.closed ? 0 : night.available + night.held + night.sold,
        held: night.held,
        sold: night.sold,
        left: night.available,
        closed: night.closed,
      })),
    })),
  );
}
