// The shopper's cart on the server: read, replace, and merge in a cart built before login.
import { cartInputSchema, type CartLineInput, mergeCart, readCart, replaceCart } from "@kaidian/orders/server";
import type { Transaction } from "@kaidian/db";
import type { FastifyInstance } from "fastify";
import { sendError, sendPrivate } from "../http";
import { localeOf, shopperOf, type TenantParams, type TradingParts } from "../trading";

export function cartRoutes(app: FastifyInstance, { db }: TradingParts): void {
  app.get<{ Params: TenantParams }>("/api/mp/v1/:tenant/cart", async (request, reply) => {
    const { tenantId, shopperId } = shopperOf(request);
    return sendPrivate(reply, 200, await db.scoped({ tenantId }, (tx) => readCart(tx, tenantId, shopperId)));
  });

  const write = (method: "PUT" | "POST", url: string, change: (tx: Transaction, tenantId: string, shopperId: string, lines: CartLineInput[]) => Promise<unknown>) =>
    app.route<{ Params: TenantParams }>({
      method,
      url,
      handler: async (request, reply) => {
        const { tenantId, shopperId } = shopperOf(request);
        const body = cartInputSchema.safeParse(request.body);
        if (!body.success) {
          const issue = body.error.issues[0]!;
          const where = issue.path.join(".");
          const message = localeOf(request) === "en" ? `The cart is malformed at ${where}: ${issue.message}` : `购物车内容有误（${where}），请刷新后重试。`;
          return sendError(reply, 400, "cart.invalid", message);
        }
        return sendPrivate(reply, 200, await db.scoped({ tenantId }, (tx) => change(tx, tenantId, shopperId, body.data.lines)));
      },
    });
  write("PUT", "/api/mp/v1/:tenant/cart", replaceCart);
  write("POST", "/api/mp/v1/:tenant/cart/merge", mergeCart);
}
