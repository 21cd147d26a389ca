// What the trading routes share: the shopper a request's token names (checked for every route under a store unless
// the route says it is public), the shopper's language, and answers in the shopper's words. The routes themselves
// are in routes/; the domain is @kaidian/orders/server.
import type { Database } from "@kaidian/db";
import { type Locale, type OrderRefusal, orderRefusalMessage } from "@kaidian/orders";
import { type PaymentDeps, type ShopperMessageCode, shopperMessage, type ShopperTokens, type TokenCheck } from "@kaidian/orders/server";
import type { ShopCache } from "@kaidian/storefront/cache";
import type { MiniProgramServerApi } from "@kaidian/wechat/server-api";
import type { FastifyReply, FastifyRequest } from "fastify";
import { sendError } from "./http";

declare module "fastify" {
  interface FastifyRequest {
    /** What the request's Authorization header says for the store in its path; null outside a store's routes. */
    shopperToken: TokenCheck | null;
  }
  interface FastifyContextConfig {
    /** Served without a shopper's token (the store's read API, login, ordering rules, live stock). */
    public?: boolean;
  }
}

export type TradingParts = {
  db: Database;
  cache: ShopCache;
  tokens: ShopperTokens;
  wechat: MiniProgramServerApi;
  masterKey: Buffer;
  /** WeChat Pay: the platform's service provider, how it is reached, and where it posts notifications. */
  payments: PaymentDeps;
};

export type TenantParams = { tenant: string };

/** Every route of a store's trading lives under this prefix; each needs a shopper unless `config.public`. */
export const STORE_ROUTES = "/api/mp/v1/:tenant/";

/** zh-CN unless the phone asks for English. */
export function localeOf(request: FastifyRequest): Locale {
  return /^en\b/i.test(request.headers["accept-language"] ?? "") ? "en" : "zh-CN";
}

export function sendShopperError(request: FastifyRequest, reply: FastifyReply, status: number, code: ShopperMessageCode): FastifyReply {
  return sendError(reply, status, code, shopperMessage(code, localeOf(request)));
}

/** The shopper the route-level check let through. */
export function shopperOf(request: FastifyRequest): { tenantId: string; shopperId: string } {
  const check = request.shopperToken;
  if (!check?.ok) throw new Error(`${request.routeOptions.url} reached its handler without a shopper`);
  return { tenantId: check.tenantId, shopperId: check.shopperId };
}

/** The route-level check every non-public store route gets (server.ts adds it from the route table). */
export async function requireShopper(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const check = request.shopperToken;
  if (!check?.ok) await sendShopperError(request, reply, 401, check?.code ?? "token.missing");
}

/** Refusals as the phone shows them: each with its words and its figures (line, stock left, fresh price). */
export function refusalsBody(request: FastifyRequest, refusals: readonly OrderRefusal[]) {
  const locale = localeOf(request);
  const listed = refusals.map((refusal) => ({ ...refusal, message: orderRefusalMessage(refusal, locale) }));
  return { error: { code: "order.refused", message: listed.map((refusal) => refusal.message).join(" "), refusals: listed } };
}
