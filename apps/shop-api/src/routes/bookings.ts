// Hotel bookings: each night's availability and a stay's quote, booking (idempotent by key, like POST /orders), the
// shopper's booking with its stay, and cancelling it after seeing what it refunds. A booking is an order, so the
// shopper's list is GET /orders and paying is POST /orders/:id/payment. Thin: parse, call @kaidian/orders/server.
import { stayRefusalMessage, transitionRefusalMessage, yuanText, type Locale, type StayRefusal } from "@kaidian/orders";
import { cancelBooking, IDEMPOTENCY_KEY, orderView, placeBooking, quoteStay, shopperBooking } from "@kaidian/orders/server";
import { isUuid } from "@kaidian/storefront";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { sendError, sendPrivate } from "../http";
import { localeOf, sendShopperError, shopperOf, type TenantParams, type TradingParts } from "../trading";

type BookingParams = TenantParams & { id: string };

const cancelBodySchema = z.object({ seenRefundFen: z.int().min(0), reason: z.string().max(200).optional() });

/** Refusals as the phone shows them, each with its words and its figures (the night, the fresh total). */
function bookingRefusals(request: FastifyRequest, refusals: readonly StayRefusal[]) {
  const locale = localeOf(request);
  const listed = refusals.map((refusal) => ({ ...refusal, message: stayRefusalMessage(refusal, locale) }));
  return { error: { code: "booking.refused", message: listed.map((refusal) => refusal.message).join(" "), refusals: listed } };
}

export function bookingRoutes(app: FastifyInstance, { db, cache, payments }: TradingParts): void {
  /** Each night of a stay: its rate, the rooms left and whether it is closed, read live; with the total and policy. */
  app.get<{ Params: TenantParams; Querystring: Record<string, string> }>("/api/mp/v1/:tenant/bookings/nights", async (request, reply) => {
    const { tenantId } = shopperOf(request);
    if (!(await cache.isLive(tenantId))) return sendShopperError(request, reply, 404, "store.notFound");
    const { itemId, checkIn, checkOut } = request.query;
    const quoted = await db.scoped({ tenantId }, (tx) => quoteStay(tx, tenantId, { itemId, checkIn, checkOut }, { locale: localeOf(request) }));
    if (!quoted.ok) return sendPrivate(reply, 409, bookingRefusals(request, quoted.refusals));
    return sendPrivate(reply, 200, quoted.quote);
  });

  app.post<{ Params: TenantParams }>("/api/mp/v1/:tenant/bookings/quote", async (request, reply) => {
    const { tenantId } = shopperOf(request);
    if (!(await cache.isLive(tenantId))) return sendShopperError(request, reply, 404, "store.notFound");
    const quoted = await db.scoped({ tenantId }, (tx) => quoteStay(tx, tenantId, request.body, { locale: localeOf(request) }));
    if (!quoted.ok) return sendPrivate(reply, 409, bookingRefusals(request, quoted.refusals));
    const locale = localeOf(request);
    return sendPrivate(reply, 200, { ...quoted.quote, refusals: quoted.refusals.map((refusal) => ({ ...refusal, message: stayRefusalMessage(refusal, locale) })) });
  });

  app.post<{ Params: TenantParams }>("/api/mp/v1/:tenant/bookings", async (request, reply) => {
    const { tenantId, shopperId } = shopperOf(request);
    const idempotencyKey = request.headers["idempotency-key"];
    if (typeof idempotencyKey !== "string" || !IDEMPOTENCY_KEY.test(idempotencyKey)) return sendShopperError(request, reply, 400, "idempotency.missing");
    if (!(await cache.isLive(tenantId))) return sendShopperError(request, reply, 404, "store.notFound");
    const placed = await placeBooking(db, {
      tenantId,
      shopperId,
      idempotencyKey,
      body: request.body,
      payments,
      onPaymentFailure: (error) => request.log.warn({ err: error }, "WeChat Pay could not prepare a booking's payment"),
    });
    if (!placed.ok) {
      if ("paymentsNotSetUp" in placed) return sendShopperError(request, reply, 409, "payments.notSetUp");
      return sendPrivate(reply, 409, bookingRefusals(request, placed.refusals));
    }
    if (!placed.created) reply.header("Idempotent-Replayed", "true");
    return sendPrivate(reply, 201, { order: orderView(placed.order, localeOf(request)), payment: placed.payment });
  });

  app.get<{ Params: BookingParams }>("/api/mp/v1/:tenant/bookings/:id", async (request, reply) => {
    const { tenantId, shopperId } = shopperOf(request);
    const { id } = request.params;
    const booking = isUuid(id) ? await db.scoped({ tenantId }, (tx) => shopperBooking(tx, shopperId, id, localeOf(request))) : null;
    if (!booking) return sendShopperError(request, reply, 404, "order.notFound");
    return sendPrivate(reply, 200, booking);
  });

  /** What cancelling now would refund, to show before the shopper confirms; null `cancellation` for an unpaid one. */
  app.get<{ Params: BookingParams }>("/api/mp/v1/:tenant/bookings/:id/cancellation", async (request, reply) => {
    const { tenantId, shopperId } = shopperOf(request);
    const { id } = request.params;
    const booking = isUuid(id) ? await db.scoped({ tenantId }, (tx) => shopperBooking(tx, shopperId, id, localeOf(request))) : null;
    if (!booking) return sendShopperError(request, reply, 404, "order.notFound");
    const canCancel = booking.order.actions.includes("cancel") || booking.order.actions.includes("cancelStay");
    const quote = booking.cancellation;
    return sendPrivate(reply, 200, {
      canCancel: canCancel && (quote === null || quote.ok),
      refundFen: quote?.ok ? quote.refundFen : 0,
      rule: quote?.ok ? quote.rule : null,
      freeUntil: quote?.ok ? (quote.freeUntil?.toISOString() ?? null) : null,
      policy: booking.stay.cancellationText,
    });
  });

  app.post<{ Params: BookingParams }>("/api/mp/v1/:tenant/bookings/:id/cancel", async (request, reply) => {
    const { tenantId, shopperId } = shopperOf(request);
    const { id } = request.params;
    if (!isUuid(id)) return sendShopperError(request, reply, 404, "order.notFound");
    const body = cancelBodySchema.safeParse(request.body);
    if (!body.success) return sendShopperError(request, reply, 400, "request.invalid");
    const locale = localeOf(request);
    const cancelled = await cancelBooking(db, { tenantId, shopperId, orderId: id, seenRefundFen: body.data.seenRefundFen, reason: body.data.reason }, payments, locale);
    if (cancelled.ok) return sendPrivate(reply, 200, { ...cancelled.booking, refund: cancelled.refund, refundProblem: cancelled.refundProblem });
    if ("notFound" in cancelled) return sendShopperError(request, reply, 404, "order.notFound");
    if ("stayStarted" in cancelled) return sendShopperError(request, reply, 409, "booking.stayStarted");
    if ("refundChanged" in cancelled) {
      return sendPrivate(reply, 409, { error: { code: "booking.refundChanged", message: shopperMessageWithRefund(locale, cancelled.refundFen), refundFen: cancelled.refundFen } });
    }
    return sendError(reply, 409, "order.transition", transitionRefusalMessage(cancelled.refusal, locale));
  });
}

function shopperMessageWithRefund(locale: Locale, refundFen: number): string {
  const yuan = `¥${yuanText(refundFen)}`;
  return locale === "zh-CN" ? `可退金额已变更，现为 ${yuan}，请确认后再取消。` : `The refund has changed: it is now ${yuan}. Please confirm and cancel again.`;
}
