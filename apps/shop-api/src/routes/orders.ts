// Ordering: the store's checkout rules, quotes, placing an order (idempotent by key), the shopper's own orders and
// their actions, and live SKU stock. Thin: parse, call @kaidian/orders/server, answer in the shopper's words.
import { offerView } from "@kaidian/coupons";
import { transitionRefusalMessage } from "@kaidian/orders";
import {
  confirmPayment,
  IDEMPOTENCY_KEY,
  itemStock,
  listShopperOrders,
  orderView,
  placeOrder,
  prepareShopperPayment,
  quoteOrder,
  readOrdering,
  shopperCommandSchema,
  shopperOrder,
  shopperOrderAction,
  shopperOrderView,
} from "@kaidian/orders/server";
import { PaymentsNotSetUpError, paymentErrorMessage, WechatPayError } from "@kaidian/payments";
import { isUuid } from "@kaidian/storefront";
import type { FastifyInstance } from "fastify";
import { sendError, sendPrivate } from "../http";
import { localeOf, refusalsBody, sendShopperError, shopperOf, type TenantParams, type TradingParts } from "../trading";

type OrderParams = TenantParams & { id: string };
type ItemParams = TenantParams & { item: string };

/**
 * `Prefer: payment=separate` (RFC 7240) on POST /orders: the phone asks for the payment itself (POST
 * /orders/:id/payment), so the placing answer comes as soon as the order is committed, `payment: null`. Packages
 * uploaded before that send no such preference and still get their `payment` in the placing answer.
 */
const PAY_SEPARATELY = /(?:^|,)\s*payment\s*=\s*"?separate"?\s*(?:[;,]|$)/i;

export function orderRoutes(app: FastifyInstance, { db, cache, payments }: TradingParts): void {
  app.get<{ Params: TenantParams }>("/api/mp/v1/:tenant/ordering", { config: { public: true } }, async (request, reply) => {
    const { tenant } = request.params;
    if (!(await cache.isLive(tenant))) return sendShopperError(request, reply, 404, "store.notFound");
    return sendPrivate(reply, 200, await db.scoped({ tenantId: tenant }, (tx) => readOrdering(tx, tenant, payments)));
  });

  app.post<{ Params: TenantParams }>("/api/mp/v1/:tenant/orders/quote", async (request, reply) => {
    const { tenantId, shopperId } = shopperOf(request);
    if (!(await cache.isLive(tenantId))) return sendShopperError(request, reply, 404, "store.notFound");
    const at = new Date();
    const quote = await db.scoped({ tenantId }, (tx) => quoteOrder(tx, { tenantId, shopperId, body: request.body, at }));
    if (!quote.ok) return sendPrivate(reply, 409, refusalsBody(request, quote.refusals));
    const { subtotalFen, deliveryFeeFen, discountFen, shopperCouponId, levelDiscountFen, pointsUsed, pointsDiscountFen, totalFen, lines } = quote.order;
    // `coupon` is the one applied (the best, unless the shopper chose); `coupons` every one they could pick instead.
    const coupons = quote.offers.map((offer) => offerView(offer, localeOf(request), at));
    // `member`: the shopper's level and the points they hold, for the points switch; null for a non-member.
    const { level, pointsAvailable } = quote.membership;
    const member = level === null ? null : { level, pointsAvailable };
    return sendPrivate(reply, 200, { subtotalFen, deliveryFeeFen, discountFen, levelDiscountFen, pointsUsed, pointsDiscountFen, totalFen, lines, coupon: shopperCouponId, coupons, member });
  });

  app.post<{ Params: TenantParams }>("/api/mp/v1/:tenant/orders", async (request, reply) => {
    const { tenantId, shopperId } = shopperOf(request);
    const idempotencyKey = request.headers["idempotency-key"];
    if (typeof idempotencyKey !== "string" || !IDEMPOTENCY_KEY.test(idempotencyKey)) return sendShopperError(request, reply, 400, "idempotency.missing");
    if (!(await cache.isLive(tenantId))) return sendShopperError(request, reply, 404, "store.notFound");
    const separately = PAY_SEPARATELY.test([request.headers.prefer ?? ""].flat().join(","));
    if (separately) reply.header("Preference-Applied", "payment=separate");
    const placed = await placeOrder(db, {
      tenantId,
      shopperId,
      idempotencyKey,
      body: request.body,
      cachedItems: (ids) => cache.items(tenantId, ids),
      payments,
      withPayment: !separately,
      onPaymentFailure: (error) => request.log.warn({ err: error }, "WeChat Pay could not prepare a placed order's payment"),
    });
    if (!placed.ok) {
      if ("paymentsNotSetUp" in placed) return sendShopperError(request, reply, 409, "payments.notSetUp");
      return sendPrivate(reply, 409, refusalsBody(request, placed.refusals));
    }
    // A retry gets the answer the first request got, marked as such.
    if (!placed.created) reply.header("Idempotent-Replayed", "true");
    return sendPrivate(reply, 201, { order: orderView(placed.order, localeOf(request)), payment: placed.payment });
  });

  app.get<{ Params: TenantParams; Querystring: { cursor?: string } }>("/api/mp/v1/:tenant/orders", async (request, reply) => {
    const { tenantId, shopperId } = shopperOf(request);
    const cursor = typeof request.query.cursor === "string" ? request.query.cursor : undefined;
    const page = await db.scoped({ tenantId }, (tx) => listShopperOrders(tx, tenantId, shopperId, cursor, localeOf(request)));
    if (!page.ok) return sendShopperError(request, reply, 400, "cursor.invalid");
    return sendPrivate(reply, 200, { orders: page.orders, nextCursor: page.nextCursor });
  });

  app.get<{ Params: OrderParams }>("/api/mp/v1/:tenant/orders/:id", async (request, reply) => {
    const { tenantId, shopperId } = shopperOf(request);
    const { id } = request.params;
    const view = isUuid(id)
      ? await db.scoped({ tenantId }, async (tx) => {
          const order = await shopperOrder(tx, shopperId, id);
          return order && shopperOrderView(tx, order, localeOf(request));
        })
      : null;
    if (!view) return sendShopperError(request, reply, 404, "order.notFound");
    return sendPrivate(reply, 200, view);
  });

  app.post<{ Params: OrderParams }>("/api/mp/v1/:tenant/orders/:id/actions", async (request, reply) => {
    const { tenantId, shopperId } = shopperOf(request);
    const { id } = request.params;
    if (!isUuid(id)) return sendShopperError(request, reply, 404, "order.notFound");
    const command = shopperCommandSchema.safeParse(request.body);
    if (!command.success) return sendShopperError(request, reply, 400, "request.invalid");
    const changed = await db.scoped({ tenantId }, async (tx) => {
      const acted = await shopperOrderAction(tx, shopperId, id, command.data);
      return acted.ok ? { ...acted, view: await shopperOrderView(tx, acted.order, localeOf(request)) } : acted;
    });
    if (changed.ok) return sendPrivate(reply, 200, changed.view);
    if ("notFound" in changed) return sendShopperError(request, reply, 404, "order.notFound");
    return sendError(reply, 409, "order.transition", transitionRefusalMessage(changed.refusal, localeOf(request)));
  });

  /** Pay (again) for an unpaid order: WeChat Pay's prepay for it, signed for wx.requestPayment. */
  app.post<{ Params: OrderParams }>("/api/mp/v1/:tenant/orders/:id/payment", async (request, reply) => {
    const { tenantId, shopperId } = shopperOf(request);
    const { id } = request.params;
    if (!isUuid(id)) return sendShopperError(request, reply, 404, "order.notFound");
    try {
      const prepared = await prepareShopperPayment(db, { tenantId, shopperId, orderId: id }, payments);
      if (prepared.ok) return sendPrivate(reply, 200, { payment: prepared.payment });
      return sendShopperError(request, reply, prepared.code === "order.notFound" ? 404 : 409, prepared.code);
    } catch (error) {
      if (error instanceof PaymentsNotSetUpError) return sendShopperError(request, reply, 409, "payments.notSetUp");
      if (!(error instanceof WechatPayError)) throw error;
      request.log.warn({ err: error }, "WeChat Pay could not prepare a payment");
      return sendError(reply, 502, `wechatPay.${error.kind}`, paymentErrorMessage(error.kind, localeOf(request)));
    }
  });

  /** The shopper is back from the pay sheet: WeChat Pay is asked, in case its notification has not arrived yet. */
  app.post<{ Params: OrderParams }>("/api/mp/v1/:tenant/orders/:id/payment/confirm", async (request, reply) => {
    const { tenantId, shopperId } = shopperOf(request);
    const { id } = request.params;
    const order = isUuid(id) ? await db.scoped({ tenantId }, (tx) => shopperOrder(tx, shopperId, id)) : null;
    if (!order) return sendShopperError(request, reply, 404, "order.notFound");
    try {
      const confirmed = await confirmPayment(db, { tenantId, orderId: id }, payments);
      return sendPrivate(reply, 200, await db.scoped({ tenantId }, (tx) => shopperOrderView(tx, confirmed ?? order, localeOf(request))));
    } catch (error) {
      // Without an answer from WeChat Pay the order is as the database has it; the notification will follow.
      if (!(error instanceof WechatPayError || error instanceof PaymentsNotSetUpError)) throw error;
      request.log.warn({ err: error }, "WeChat Pay could not be asked about a payment");
      return sendPrivate(reply, 200, await db.scoped({ tenantId }, (tx) => shopperOrderView(tx, order, localeOf(request))));
    }
  });

  /** Stock changes with every order, so it is read live, never from the cache. */
  app.get<{ Params: ItemParams }>("/api/mp/v1/:tenant/items/:item/stock", { config: { public: true } }, async (request, reply) => {
    const { tenant, item } = request.params;
    if (!(await cache.isLive(tenant))) return sendShopperError(request, reply, 404, "store.notFound");
    const stock = isUuid(item) ? await db.scoped({ tenantId: tenant }, (tx) => itemStock(tx, tenant, item)) : null;
    if (!stock) return sendShopperError(request, reply, 404, "item.notFound");
    return sendPrivate(reply, 200, stock);
  });
}
