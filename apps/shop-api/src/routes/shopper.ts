// Shopper login (wx.login's code → a signed token) and the phone number from the getPhoneNumber button.
import { loginShopper, saveShopperPhone, type WechatRefusal } from "@kaidian/orders/server";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { sendPrivate } from "../http";
import { sendShopperError, shopperOf, type TenantParams, type TradingParts } from "../trading";

/** A wx.login or getPhoneNumber code, as WeChat issues them. */
const codeBodySchema = z.object({ code: z.string().trim().min(1).max(128) });

const STATUS: Record<WechatRefusal | "phone.code", number> = {
  "login.code": 400,
  "phone.code": 400,
  "login.tooFrequent": 429,
  "login.notSetUp": 409,
  "wechat.unavailable": 503,
};

export function shopperRoutes(app: FastifyInstance, parts: TradingParts): void {
  const { db, cache, tokens, wechat, masterKey } = parts;

  const refused = (request: FastifyRequest, reply: FastifyReply, code: WechatRefusal | "phone.code", detail?: string) => {
    // WeChat's own words go to the log for the operator, never to the shopper.
    if (code !== "login.code" && code !== "phone.code") request.log.warn({ code, detail }, "WeChat refused a shopper request");
    return sendShopperError(request, reply, STATUS[code], code);
  };

  app.post<{ Params: TenantParams }>("/api/mp/v1/:tenant/session", { config: { public: true } }, async (request, reply) => {
    const { tenant } = request.params;
    if (!(await cache.isLive(tenant))) return sendShopperError(request, reply, 404, "store.notFound");
    const body = codeBodySchema.safeParse(request.body);
    if (!body.success) return sendShopperError(request, reply, 400, "login.code");
    const login = await loginShopper(db, wechat, masterKey, tenant, body.data.code);
    if (!login.ok) return refused(request, reply, login.code, login.detail);
    const { token, expiresAt } = tokens.issue(tenant, login.shopper.id);
    return sendPrivate(reply, 200, { token, expiresAt: expiresAt.toISOString(), shopper: login.shopper });
  });

  app.post<{ Params: TenantParams }>("/api/mp/v1/:tenant/me/phone", async (request, reply) => {
    const { tenantId, shopperId } = shopperOf(request);
    const body = codeBodySchema.safeParse(request.body);
    if (!body.success) return sendShopperError(request, reply, 400, "phone.code");
    const saved = await saveShopperPhone(db, wechat, masterKey, tenantId, shopperId, body.data.code);
    if (!saved.ok) return refused(request, reply, saved.code, saved.detail);
    return sendPrivate(reply, 200, { phone: saved.phone });
  });
}
