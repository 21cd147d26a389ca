// Ordering at a restaurant table: the table's open tab, sending a round of dishes to it, and paying the tab (pay at
// the end). The table is the code its QR card carries, as the Mini Program's order page reads it. Thin: parse, call
// @kaidian/orders/server's table orders, answer in the shopper's words.
import { TABLE_CODE_PATTERN } from "@kaidian/catalog/server";
import { IDEMPOTENCY_KEY, openTab, payTab, sendRound, tableByCode } from "@kaidian/orders/server";
import { PaymentsNotSetUpError, paymentErrorMessage, WechatPayError } from "@kaidian/payments";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sendError, sendPrivate } from "../http";
import { localeOf, refusalsBody, sendShopperError, shopperOf, type TenantParams, type TradingParts } from "../trading";

type TableParams = TenantParams & { table: string };

export function tableRoutes(app: FastifyInstance, { db, cache, payments }: TradingParts): void {
  const known = async (request: FastifyRequest<{ Params: TableParams }>, reply: FastifyReply): Promise<string | null> => {
    const { tenantId } = shopperOf(request);
    if (!(await cache.isLive(tenantId))) {
      await sendShopperError(request, reply, 404, "store.notFound");
      return null;
    }
    if (!TABLE_CODE_PATTERN.test(request.params.table)) {
      await sendShopperError(request, reply, 404, "table.notFound");
      return null;
    }
    return tenantId;
  };

  /** The table's open tab (rounds, where each stands, the bill), or `tab: null` before its first round. */
  app.get<{ Params: TableParams }>("/api/mp/v1/:tenant/tables/:table/tab", async (request, reply) => {
    const tenantId = await known(request, reply);
    if (!tenantId) return reply;
    const found = await db.scoped({ tenantId }, async (tx) => {
      const table = await tableByCode(tx, request.params.table);
      return table ? { table, tab: await openTab(tx, table.id) } : null;
    });
    if (!found) return sendShopperError(request, reply, 404, "table.notFound");
    return sendPrivate(reply, 200, { table: { name: found.table.name, code: found.table.code }, tab: found.tab });
  });

  /**
   * A round of dishes to the table's tab: in the kitchen at once (pay at the end), or once paid (pay first). Keyed
   * like an order: a retried request (same Idempotency-Key) answers the round it sent, never a second one.
   */
  app.post<{ Params: TableParams }>("/api/mp/v1/:tenant/tables/:table/rounds", async (request, reply) => {
    const idempotencyKey = request.headers["idempotency-key"];
    if (typeof idempotencyKey !== "string" || !IDEMPOTENCY_KEY.test(idempotencyKey)) return sendShopperError(request, reply, 400, "idempotency.missing");
    const tenantId = await known(request, reply);
    if (!tenantId) return reply;
    const sent = await sendRound(db, {
      tenantId,
      shopperId: shopperOf(request).shopperId,
      tableCode: request.params.table,
      body: request.body,
      idempotencyKey,
      payments,
      onPaymentFailure: (error) => request.log.warn({ err: error }, "WeChat Pay could not prepare a round's payment"),
    });
    if (sent.ok) {
      if (!sent.created) reply.header("Idempotent-Replayed", "true");
      return sendPrivate(reply, 201, { tab: sent.tab, round: sent.round, payment: sent.payment });
    }
    if ("tableNotFound" in sent) return sendShopperError(request, reply, 404, "table.notFound");
    if ("paymentsNotSetUp" in sent) return sendShopperError(request, reply, 409, "payments.notSetUp");
    if ("wechatPay" in sent) return sendError(reply, 502, `wechatPay.${sent.wechatPay}`, paymentErrorMessage(sent.wechatPay, localeOf(request)));
    return sendPrivate(reply, 409, refusalsBody(request, sent.refusals));
  });

  /** Pay the whole tab (pay at the end): WeChat Pay's prepay for its bill, made out to this diner. */
  app.post<{ Params: TableParams }>("/api/mp/v1/:tenant/tables/:table/tab/payment", async (request, reply) => {
    const tenantId = await known(request, reply);
    if (!tenantId) return reply;
    try {
      const paid = await payTab(db, { tenantId, shopperId: shopperOf(request).shopperId, tableCode: request.params.table }, payments);
      if (paid.ok) return sendPrivate(reply, 200, { orderId: paid.orderId, payment: paid.payment });
      return sendShopperError(request, reply, paid.code === "table.notFound" ? 404 : 409, paid.code);
    } catch (error) {
      if (error instanceof PaymentsNotSetUpError) return sendShopperError(request, reply, 409, "payments.notSetUp");
      if (!(error instanceof WechatPayError)) throw error;
      request.log.warn({ err: error }, "WeChat Pay could not prepare a tab's payment");
      return sendError(reply, 502, `wechatPay.${error.kind}`, paymentErrorMessage(error.kind, localeOf(request)));
    }
  });
}
