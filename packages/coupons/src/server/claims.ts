// Shoppers claiming coupons, and what they hold. A claim is ONE statement: the coupon's counter rises by one only
// while some are left (a conditional UPDATE that PostgreSQL re-checks on the newest row once it holds the row's
// lock), the shopper's own counter rises only while under the per-shopper limit (an upsert whose condition is
// checked on the locked row), and the held coupon goes in only when both did. When either refuses, the statement
// fails through coupon_not_claimed() (migration 20261203220000_coupons) and its transaction keeps nothing: no read
// decides and no later write trusts it, so 500 shoppers racing for 100 coupons get exactly 100.
import { randomUUID } from "node:crypto";
import { type Database, sql, sqlState, type Transaction } from "@kaidian/db";
import { type ClaimRefusal, type CouponTerms, type HeldCoupon } from "../index";
import { type CouponTermsRow, termsOfRow } from "./coupon-rows";

const NOT_CLAIMED = "KD410";
const CLAIM_REFUSALS: readonly ClaimRefusal[] = ["notFound", "stopped", "ended", "soldOut", "limit"];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type HeldCouponView = HeldCoupon & { couponId: string; claimedAt: Date; orderId: string | null };

export type Claim = { ok: true; coupon: HeldCouponView } | { ok: false; refusal: ClaimRefusal };

export type HeldRow = CouponTermsRow & { id: string; coupon_id: string; valid_from: Date; valid_until: Date; order_id: string | null; claimed_at: Date };

/** A held coupon from its row (a jsonb row's timestamps come as text). */
export function heldOfRow(row: HeldRow): HeldCouponView {
  return {
    id: row.id,
    couponId: row.coupon_id,
    terms: termsOfRow(row),
    validFrom: new Date(row.valid_from),
    validUntil: new Date(row.valid_until),
    used: row.order_id !== null,
    orderId: row.order_id,
    claimedAt: new Date(row.claimed_at),
  };
}

export async function claimCoupon(db: Database, input: { tenantId: string; shopperId: string; couponId: string; at?: Date }): Promise<Claim> {
  const { tenantId, shopperId, couponId } = input;
  if (!UUID.test(couponId)) return { ok: false, refusal: "notFound" };
  const at = input.at ?? new Date();
  const id = randomUUID();
  try {
    const [row] = await db.statements({ tenantId }, (tx) => tx.commitWith<HeldRow>(sql`
      WITH coupon AS (
        UPDATE coupons c SET claimed = c.claimed + 1
        WHERE c.tenant_id = ${tenantId}::uuid AND c.id = ${couponId}::uuid AND c.stopped_at IS NULL
          AND c.claimed < c.total_quantity AND (c.valid_until IS NULL OR c.valid_until > ${at}::timestamptz)
        RETURNING c.*
      ), mine AS (
        INSERT INTO coupon_claim_counts AS n (tenant_id, coupon_id, shopper_id, claimed)
        SELECT tenant_id, id, ${shopperId}::uuid, 1 FROM coupon
        ON CONFLICT (tenant_id, coupon_id, shopper_id) DO UPDATE SET claimed = n.claimed + 1
          WHERE n.claimed < (SELECT per_shopper_limit FROM coupon)
        RETURNING claimed
      ), held AS (
        INSERT INTO shopper_coupons (tenant_id, id, coupon_id, shopper_id, valid_from, valid_until, claimed_at)
        SELECT c.tenant_id, ${id}::uuid, c.id, ${shopperId}::uuid,
          CASE c.validity WHEN 'dates' THEN c.valid_from ELSE ${at}::timestamptz END,
          CASE c.validity WHEN 'dates' THEN c.valid_until ELSE ${at}::timestamptz + make_interval(days => c.valid_days) END,
          ${at}::timestamptz
        FROM coupon c, mine
        RETURNING *
      )
      SELECT held.id, held.coupon_id, held.valid_from, held.valid_until, held.order_id, held.claimed_at,
        c.name, c.kind, c.amount_fen, c.percent_off, c.threshold_fen, c.category_ids, c.item_ids
      FROM held, coupon c
      UNION ALL
      SELECT coupon_not_claimed(CASE
          WHEN NOT EXISTS (SELECT 1 FROM coupons WHERE id = ${couponId}::uuid) THEN 'notFound'
          WHEN EXISTS (SELECT 1 FROM coupon) THEN 'limit'
          WHEN (SELECT stopped_at IS NOT NULL FROM coupons WHERE id = ${couponId}::uuid) THEN 'stopped'
          WHEN (SELECT valid_until <= ${at}::timestamptz FROM coupons WHERE id = ${couponId}::uuid) THEN 'ended'
          ELSE 'soldOut' END), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
      WHERE NOT EXISTS (SELECT 1 FROM held)`));
    return { ok: true, coupon: heldOfRow(row!) };
  } catch (error) {
    if (sqlState(error) !== NOT_CLAIMED) throw error;
    const reason = (error as Error).message as ClaimRefusal;
    if (!CLAIM_REFUSALS.includes(reason)) throw error;
    return { ok: false, refusal: reason };
  }
}

/** The shopper's coupons, the usable ones first (ending soonest first), then used and expired ones. */
export async function heldCoupons(tx: Transaction, shopperId: string): Promise<HeldCouponView[]> {
  const rows = await tx.$queryRaw<HeldRow[]>`
    SELECT s.id, s.coupon_id, s.valid_from, s.valid_until, s.order_id, s.claimed_at,
      c.name, c.kind, c.amount_fen, c.percent_off, c.threshold_fen, c.category_ids, c.item_ids
    FROM shopper_coupons s JOIN coupons c ON c.tenant_id = s.tenant_id AND c.id = s.coupon_id
    WHERE s.shopper_id = ${shopperId}::uuid
    ORDER BY (s.order_id IS NULL AND s.valid_until > now()) DESC, s.valid_until ASC, s.id
    LIMIT 200`;
  return rows.map(heldOfRow);
}

/**
 * What checkout weighs: the shopper's coupons not used on an order and not yet ended, and the one the shopper chose
 * whatever its state (so a used or expired choice is told as such).
 */
export async function checkoutCoupons(tx: Transaction, shopperId: string, at: Date, chosen: string | null = null): Promise<HeldCoupon[]> {
  const rows = await tx.$queryRaw<HeldRow[]>`
    SELECT s.id, s.coupon_id, s.valid_from, s.valid_until, s.order_id, s.claimed_at,
      c.name, c.kind, c.amount_fen, c.percent_off, c.threshold_fen, c.category_ids, c.item_ids
    FROM shopper_coupons s JOIN coupons c ON c.tenant_id = s.tenant_id AND c.id = s.coupon_id
    WHERE s.shopper_id = ${shopperId}::uuid AND ((s.order_id IS NULL AND s.valid_until > ${at}) OR s.id = ${chosen}::uuid)`;
  return rows.map(heldOfRow);
}

export type ClaimableCoupon = {
  id: string;
  terms: CouponTerms;
  /** How many are left to claim in the whole store. */
  left: number;
  perShopperLimit: number;
  /** How many this shopper claimed; 0 without a shopper. */
  claimedByMe: number;
  validity: { kind: "dates"; from: Date; until: Date } | { kind: "days"; days: number };
};

/** The coupons a shopper can claim now (not stopped, not ended, some left), newest first: the coupon strip's. */
export async function claimableCoupons(tx: Transaction, shopperId: string | null, at: Date): Promise<ClaimableCoupon[]> {
  const rows = await tx.$queryRaw<(CouponTermsRow & { id: string; left: number; per_shopper_limit: number; mine: number; validity: string; valid_from: Date | null; valid_until: Date | null; valid_days: number | null })[]>`
    SELECT c.id, c.name, c.kind, c.amount_fen, c.percent_off, c.threshold_fen, c.category_ids, c.item_ids,
      c.total_quantity - c.claimed AS left, c.per_shopper_limit, c.validity, c.valid_from, c.valid_until, c.valid_days,
      coalesce(n.claimed, 0) AS mine
    FROM coupons c
    LEFT JOIN coupon_claim_counts n ON n.tenant_id = c.tenant_id AND n.coupon_id = c.id AND n.shopper_id = ${shopperId}::uuid
    WHERE c.stopped_at IS NULL AND c.claimed < c.total_quantity AND (c.valid_until IS NULL OR c.valid_until > ${at})
    ORDER BY c.created_at DESC, c.id
    LIMIT 50`;
  return rows.map((row) => ({
    id: row.id,
    terms: termsOfRow(row),
    left: row.left,
    perShopperLimit: row.per_shopper_limit,
    claimedByMe: row.mine,
    validity: row.validity === "days" ? { kind: "days", days: row.valid_days ?? 1 } : { kind: "dates", from: new Date(row.valid_from!), until: new Date(row.valid_until!) },
  }));
}

/** An order that ended unpaid (cancelled or expired) gives its coupon back to the shopper, in the caller's transaction. */
export async function giveBackCoupon(tx: Transaction, orderId: string): Promise<number> {
  return tx.$executeRaw`UPDATE shopper_coupons SET order_id = NULL, used_at = NULL WHERE order_id = ${orderId}::uuid`;
}
