// Membership (会员): joining with the phone number from the member card's getPhoneNumber button, the shopper's card
// (number, level, points), and the card's short-lived signed code with its QR image, which the phone fetches again
// before it ends. The signing key stays here. Thin: parse, call @kaidian/orders (the phone) and @kaidian/members.
import { CARD_REFRESH_SECONDS, memberRefusalMessage, type MemberRefusal } from "@kaidian/members";
import { joinMember, type MemberCard, memberCard, memberCardCode } from "@kaidian/members/server";
import { saveShopperPhone } from "@kaidian/orders/server";
import type { FastifyInstance } from "fastify";
import QRCode from "qrcode";
import { z } from "zod";
import { sendError, sendPrivate } from "../http";
import { localeOf, sendShopperError, shopperOf, type TenantParams, type TradingParts } from "../trading";

/** getPhoneNumber's code, as WeChat issues it; left out when the shopper already shared a number. */
const joinBodySchema = z.object({ code: z.string().trim().min(1).max(128).optional() });

const PHONE_STATUS = { "phone.code": 400, "login.code": 400, "login.tooFrequent": 429, "login.notSetUp": 409, "wechat.unavailable": 503 } as const;

function cardView(card: MemberCard) {
  return {
    number: card.number,
    phone: card.phone,
    level: { name: card.level.name, percentOff: card.level.percentOff },
    nextLevel: card.nextLevel,
    points: card.points,
    pointsEnabled: card.pointsEnabled,
    spentFen: card.spentFen,
    joinedAt: card.joinedAt.toISOString(),
  };
}

export function memberRoutes(app: FastifyInstance, { db, cache, wechat, masterKey }: TradingParts): void {
  const refuse = (request: Parameters<typeof localeOf>[0], reply: Parameters<typeof sendError>[0], status: number, refusal: MemberRefusal) =>
    sendError(reply, status, `member.${refusal}`, memberRefusalMessage(refusal, localeOf(request)));

  app.post<{ Params: TenantParams }>("/api/mp/v1/:tenant/me/member", async (request, reply) => {
    const { tenantId, shopperId } = shopperOf(request);
    if (!(await cache.isLive(tenantId))) return sendShopperError(request, reply, 404, "store.notFound");
    const body = joinBodySchema.safeParse(request.body ?? {});
    if (!body.success) return sendShopperError(request, reply, 400, "phone.code");
    if (body.data.code) {
      const saved = await saveShopperPhone(db, wechat, masterKey, tenantId, shopperId, body.data.code);
      if (!saved.ok) {
        if (saved.code !== "phone.code") request.log.warn({ code: saved.code, detail: saved.detail }, "WeChat refused a phone number for joining");
        return sendShopperError(request, reply, PHONE_STATUS[saved.code], saved.code);
      }
    }
    const joined = await db.scoped({ tenantId }, (tx) => joinMember(tx, tenantId, shopperId));
    if (!joined.ok) return refuse(request, reply, 409, joined.refusal);
    return sendPrivate(reply, joined.created ? 201 : 200, { member: cardView(joined.card) });
  });

  app.get<{ Params: TenantParams }>("/api/mp/v1/:tenant/me/member", async (request, reply) => {
    const { tenantId, shopperId } = shopperOf(request);
    const card = await db.scoped({ tenantId }, (tx) => memberCard(tx, tenantId, shopperId));
    return sendPrivate(reply, 200, { member: card ? cardView(card) : null });
  });

  app.get<{ Params: TenantParams }>("/api/mp/v1/:tenant/me/member/code", async (request, reply) => {
    const { tenantId, shopperId } = shopperOf(request);
    const signed = await db.scoped({ tenantId }, (tx) => memberCardCode(tx, tenantId, shopperId, masterKey));
    if (!signed) return refuse(request, reply, 404, "notMember");
    // The QR is drawn here: the Mini Program shows the image and never needs the code's format.
    const qr = await QRCode.toDataURL(signed.code, { errorCorrectionLevel: "M", margin: 1, width: 360 });
    return sendPrivate(reply, 200, { code: signed.code, qr, expiresAt: signed.expiresAt.toISOString(), refreshSeconds: CARD_REFRESH_SECONDS });
  });
}
