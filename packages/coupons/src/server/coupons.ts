// The merchant's coupons: create one (the terms are fixed from then on: shoppers hold them), list them with how
// many were claimed and used, and stop one (no more claims; coupons already claimed stay usable until they end).
import type { Transaction } from "@kaidian/db";
import { type CouponInput, type CouponTerms, type CouponValidity, couponInputSchema } from "../index";
import { rowOfInput, termsOfRow, validityOfRow } from "./coupon-rows";

export type CouponSummary = {
  id: string;
  terms: CouponTerms;
  validity: CouponValidity;
  totalQuantity: number;
  claimed: number;
  used: number;
  perShopperLimit: number;
  stoppedAt: Date | null;
  createdAt: Date;
};

export type CouponSaveRefusal = { code: "invalid"; issues: { path: string; message: string }[] } | { code: "scopeGone" };

/**
 * A new coupon from the merchant's input, parsed by the one schema. The categories and items it is for must be
 * this store's (row-level security hides any other's, so another store's id reads as gone).
 */
export async function createCoupon(tx: Transaction, tenantId: string, input: unknown): Promise<{ ok: true; id: string } | { ok: false; refusal: CouponSaveRefusal }> {
  const parsed = couponInputSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, refusal: { code: "invalid", issues: parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message })) } };
  }
  const coupon: CouponInput = parsed.data;
  if (coupon.scope.kind === "chosen") {
    const [categories, items] = await Promise.all([
      tx.catalogCategory.count({ where: { id: { in: coupon.scope.categoryIds } } }),
      tx.catalogItem.count({ where: { id: { in: coupon.scope.itemIds } } }),
    ]);
    if (categories !== new Set(coupon.scope.categoryIds).size || items !== new Set(coupon.scope.itemIds).size) return { ok: false, refusal: { code: "scopeGone" } };
  }
  const { id } = await tx.coupon.create({ data: { tenantId, ...rowOfInput(coupon) }, select: { id: true } });
  return { ok: true, id };
}

/** Stops claims of a coupon; stopping it twice changes nothing. False when the store has no such coupon. */
export async function stopCoupon(tx: Transaction, couponId: string, at: Date = new Date()): Promise<boolean> {
  const found = await tx.coupon.findFirst({ where: { id: couponId }, select: { stoppedAt: true } });
  if (!found) return false;
  await tx.coupon.updateMany({ where: { id: couponId, stoppedAt: null }, data: { stoppedAt: at } });
  return true;
}

/** The store's coupons, newest first, with how many were claimed and are used on orders. */
export async function listCoupons(tx: Transaction): Promise<CouponSummary[]> {
  const [rows, used] = await Promise.all([
    tx.coupon.findMany({ orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: 200 }),
    tx.shopperCoupon.groupBy({ by: ["couponId"], where: { orderId: { not: null } }, _count: { _all: true } }),
  ]);
  const usedBy = new Map(used.map((row) => [row.couponId, row._count._all]));
  return rows.map((row) => ({
    id: row.id,
    terms: termsOfRow({
      name: row.name,
      kind: row.kind,
      amount_fen: row.amountFen,
      percent_off: row.percentOff,
      threshold_fen: row.thresholdFen,
      category_ids: row.categoryIds,
      item_ids: row.itemIds,
    }),
    validity: validityOfRow({ validity: row.validity, valid_from: row.validFrom, valid_until: row.validUntil, valid_days: row.validDays }),
    totalQuantity: row.totalQuantity,
    claimed: row.claimed,
    used: usedBy.get(row.id) ?? 0,
    perShopperLimit: row.perShopperLimit,
    stoppedAt: row.stoppedAt,
    createdAt: row.createdAt,
  }));
}
