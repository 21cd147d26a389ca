// Coupons (优惠券): the store's coupons a shopper can claim now (public: the coupon strip shows them before login,
// and says how many the shopper holds when a token comes along), claiming one, and the shopper's own coupons (我的).
// Thin: parse, call @kaidian/coupons/server, answer in the shopper's words.
import { claimRefusalMessage, type ClaimRefusal, heldCouponView, type Locale, termsView } from "@kaidian/coupons";
import { type ClaimableCoupon, claimableCoupons, claimCoupon, heldCoupons } from "@kaidian/coupons/server";
import type { FastifyInstance } from "fastify";
import { sendError, sendPrivate } from "../http";
import { localeOf, sendShopperError, shopperOf, type TenantParams, type TradingParts } from "../trading";

type CouponParams = TenantParams & { coupon: string };

const REFUSAL_STATUS: Record<ClaimRefusal, number> = { notFound: 404, stopped: 409, ended: 409, soldOut: 409, limit: 409 };

function claimableView(coupon: ClaimableCoupon, locale: Locale) {
  return {
    id: coupon.id,
    ...termsView(coupon.terms, locale),
    left: coupon.left,
    perShopperLimit: coupon.perShopperLimit,
    claimedByMe: coupon.claimedByMe,
    canClaim: coupon.left > 0 && coupon.claimedByMe < coupon.perShopperLimit,
    validity:
      coupon.validity.kind === "days"
        ? { kind: "days" as const, days: coupon.validity.days }
        : { kind: "dates" as const, from: coupon.validity.from.toISOString(), until: coupon.validity.until.toISOString() },
  };
}

export function couponRoutes(app: FastifyInstance, { db, cache }: TradingParts): void {
  app.get<{ Params: TenantParams }>("/api/mp/v1/:tenant/coupons", { config: { public: true } }, async (request, reply) => {
    const { tenant } = request.params;
    if (!(await cache.isLive(tenant))) return sendShopperError(request, reply, 404, "store.notFound");
    const token = request.shopperToken;
    const shopperId = token?.ok ? token.shopperId : null;
    const coupons = await db.scoped({ tenantId: tenant }, (tx) => claimableCoupons(tx, shopperId, new Date()));
    return sendPrivate(reply, 200, { coupons: coupons.map((coupon) => claimableView(coupon, localeOf(request))) });
  });

  app.post<{ Params: CouponParams }>("/api/mp/v1/:tenant/coupons/:coupon/claim", async (request, reply) => {
    const { tenantId, shopperId } = shopperOf(request);
    if (!(await cache.isLive(tenantId))) return sendShopperError(request, reply, 404, "store.notFound");
    const claimed = await claimCoupon(db, { tenantId, shopperId, couponId: request.params.coupon });
    if (!claimed.ok) return sendError(reply, REFUSAL_STATUS[claimed.refusal], `coupon.${claimed.refusal}`, claimRefusalMessage(claimed.refusal, localeOf(request)));
    return sendPrivate(reply, 201, { coupon: heldCouponView(claimed.coupon, localeOf(request)) });
  });

  app.get<{ Params: TenantParams }>("/api/mp/v1/:tenant/me/coupons", async (request, reply) => {
    const { tenantId, shopperId } = shopperOf(request);
    const held = await db.scoped({ tenantId }, (tx) => heldCoupons(tx, shopperId));
    const at = new Date();
    return sendPrivate(reply, 200, { coupons: held.map((coupon) => heldCouponView(coupon, localeOf(request), at)) });
  });
}
