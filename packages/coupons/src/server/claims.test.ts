// Claiming coupons against the real PostgreSQL with row-level security on: the total and the per-shopper limit hold
// under concurrency, stopped and ended coupons are refused, and one store or shopper never sees another's.
import { randomUUID } from "node:crypto";
import { Database } from "@kaidian/db";
import { testDatabase, testDatabaseUrl } from "@kaidian/db/testing";
import { arrangeStore } from "@kaidian/storefront/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CouponInputDraft } from "../index";
import { claimableCoupons, claimCoupon, createCoupon, giveBackCoupon, heldCoupons, listCoupons, stopCoupon } from "./index";

const db = testDatabase();
afterAll(() => db.disconnect());

const COUPON: CouponInputDraft = {
  name: "满50减5",
  discount: { kind: "amount", amountFen: 500 },
  thresholdFen: 5_000,
  validity: { kind: "days", days: 7 },
  totalQuantity: 100,
  perShopperLimit: 1,
  scope: { kind: "all" },
};

async function arrangeCoupon(tenantId: string, input: Partial<CouponInputDraft> = {}): Promise<string> {
  const created = await db.scoped({ tenantId }, (tx) => createCoupon(tx, tenantId, { ...COUPON, ...input }));
  if (!created.ok) throw new Error(JSON.stringify(created.refusal));
  return created.id;
}

async function shoppers(tenantId: string, count: number): Promise<string[]> {
  return db.scoped({ tenantId }, async (tx) => {
    const rows = await tx.shopper.createManyAndReturn({ data: Array.from({ length: count }, () => ({ tenantId, openid: `o-${randomUUID()}` })), select: { id: true } });
    return rows.map((row) => row.id);
  });
}

let store: string;
let other: string;
beforeAll(async () => {
  [store, other] = await Promise.all([arrangeStore(db, { name: "领券小店", templateId: "ecommerce" }), arrangeStore(db, { name: "隔壁小店", templateId: "ecommerce" })]);
});

describe("claiming a coupon", () => {
  it("gives exactly 100 of 500 shoppers claiming a 100-coupon batch at once a coupon", async () => {
    const couponId = await arrangeCoupon(store, { totalQuantity: 100 });
    const people = await shoppers(store, 500);
    // As shop-api would: many connections, each claim waiting its turn for one.
    const busy = new Database(testDatabaseUrl(), { maxConnections: 20, transactionWaitMs: 120_000 });
    const claims = await Promise.all(people.map((shopperId) => claimCoupon(busy, { tenantId: store, shopperId, couponId }))).finally(() => busy.disconnect());
    expect(claims.filter((claim) => claim.ok)).toHaveLength(100);
    expect(new Set(claims.flatMap((claim) => (claim.ok ? [] : [claim.refusal])))).toEqual(new Set(["soldOut"]));
    const [listed] = await db.scoped({ tenantId: store }, (tx) => listCoupons(tx));
    expect([listed!.id, listed!.claimed]).toEqual([couponId, 100]);
    const held = await db.scoped({ tenantId: store }, (tx) => tx.shopperCoupon.count({ where: { couponId } }));
    expect(held).toBe(100);
  }, 180_000);

  it("holds the per-shopper limit when one shopper claims many times at once", async () => {
    const couponId = await arrangeCoupon(store, { perShopperLimit: 3, totalQuantity: 50 });
    const [me] = await shoppers(store, 1);
    const busy = new Database(testDatabaseUrl(), { maxConnections: 10, transactionWaitMs: 60_000 });
    const claims = await Promise.all(Array.from({ length: 20 }, () => claimCoupon(busy, { tenantId: store, shopperId: me!, couponId }))).finally(() => busy.disconnect());
    expect(claims.filter((claim) => claim.ok)).toHaveLength(3);
    expect(new Set(claims.flatMap((claim) => (claim.ok ? [] : [claim.refusal])))).toEqual(new Set(["limit"]));
    const mine = await db.scoped({ tenantId: store }, (tx) => heldCoupons(tx, me!));
    expect(mine).toHaveLength(3);
    // The refused claims kept nothing: the store's counter counts the three.
    const row = await db.scoped({ tenantId: store }, (tx) => tx.coupon.findFirstOrThrow({ where: { id: couponId } }));
    expect(row.claimed).toBe(3);
  }, 120_000);

  it("gives a day coupon its days from the claim, and a dated one its dates", async () => {
    const at = new Date("2026-12-03T04:00:00Z");
    const [me] = await shoppers(store, 1);
    const days = await claimCoupon(db, { tenantId: store, shopperId: me!, couponId: await arrangeCoupon(store), at });
    expect(days.ok && [days.coupon.validFrom, days.coupon.validUntil]).toEqual([at, new Date("2026-12-10T04:00:00Z")]);
    const dated = await arrangeCoupon(store, { validity: { kind: "dates", from: "2026-12-01", until: "2026-12-31" } });
    const claimed = await claimCoupon(db, { tenantId: store, shopperId: me!, couponId: dated, at });
    expect(claimed.ok && [claimed.coupon.validFrom, claimed.coupon.validUntil]).toEqual([new Date("2026-11-30T16:00:00Z"), new Date("2026-12-31T16:00:00Z")]);
    expect(claimed.ok && claimed.coupon.terms).toEqual({ name: "满50减5", discount: { kind: "amount", amountFen: 500 }, thresholdFen: 5_000, scope: { kind: "all" } });
    // After its last day it cannot be claimed.
    const late = await claimCoupon(db, { tenantId: store, shopperId: (await shoppers(store, 1))[0]!, couponId: dated, at: new Date("2027-01-01T00:00:00Z") });
    expect(late).toEqual({ ok: false, refusal: "ended" });
  });

  it("refuses a stopped coupon, and lists only the claimable ones with what the shopper holds", async () => {
    const tenantId = await arrangeStore(db, { name: "停券小店", templateId: "ecommerce" });
    const [me] = await shoppers(tenantId, 1);
    const stopped = await arrangeCoupon(tenantId, { name: "停发券" });
    const live = await arrangeCoupon(tenantId, { name: "在发券", perShopperLimit: 2 });
    expect(await db.scoped({ tenantId }, (tx) => stopCoupon(tx, stopped))).toBe(true);
    expect(await claimCoupon(db, { tenantId, shopperId: me!, couponId: stopped })).toEqual({ ok: false, refusal: "stopped" });
    expect((await claimCoupon(db, { tenantId, shopperId: me!, couponId: live })).ok).toBe(true);
    const listed = await db.scoped({ tenantId }, (tx) => claimableCoupons(tx, me!, new Date()));
    expect(listed.map((coupon) => [coupon.terms.name, coupon.left, coupon.claimedByMe])).toEqual([["在发券", 99, 1]]);
    const anonymous = await db.scoped({ tenantId }, (tx) => claimableCoupons(tx, null, new Date()));
    expect(anonymous.map((coupon) => coupon.claimedByMe)).toEqual([0]);
  });

  it("never lets one store's shopper claim or see another store's coupon", async () => {
    const couponId = await arrangeCoupon(other, { name: "隔壁的券" });
    const [mine] = await shoppers(store, 1);
    expect(await claimCoupon(db, { tenantId: store, shopperId: mine!, couponId })).toEqual({ ok: false, refusal: "notFound" });
    expect((await db.scoped({ tenantId: store }, (tx) => claimableCoupons(tx, mine!, new Date()))).map((coupon) => coupon.id)).not.toContain(couponId);
    expect(await db.scoped({ tenantId: store }, (tx) => stopCoupon(tx, couponId))).toBe(false);
    // And one shopper never reads another's coupons.
    const [me, you] = await shoppers(other, 2);
    await claimCoupon(db, { tenantId: other, shopperId: you!, couponId });
    expect(await db.scoped({ tenantId: other }, (tx) => heldCoupons(tx, me!))).toEqual([]);
  });

  it("refuses a coupon for another store's items or categories", async () => {
    const foreign = await db.scoped({ tenantId: other }, (tx) => tx.catalogItem.create({ data: { tenantId: other, kind: "PRODUCT", title: "别家货", priceFen: 100 }, select: { id: true } }));
    const created = await db.scoped({ tenantId: store }, (tx) => createCoupon(tx, store, { ...COUPON, scope: { kind: "chosen", itemIds: [foreign.id] } }));
    expect(created).toEqual({ ok: false, refusal: { code: "scopeGone" } });
  });

  it("gives a coupon back when its order ends unpaid", async () => {
    const [me] = await shoppers(store, 1);
    const claimed = await claimCoupon(db, { tenantId: store, shopperId: me!, couponId: await arrangeCoupon(store) });
    const orderId = randomUUID();
    await db.scoped({ tenantId: store }, (tx) => tx.shopperCoupon.update({ where: { tenantId_id: { tenantId: store, id: claimed.ok ? claimed.coupon.id : "" } }, data: { orderId, usedAt: new Date() } }));
    expect((await db.scoped({ tenantId: store }, (tx) => heldCoupons(tx, me!)))[0]!.used).toBe(true);
    expect(await db.scoped({ tenantId: store }, (tx) => giveBackCoupon(tx, orderId))).toBe(1);
    expect((await db.scoped({ tenantId: store }, (tx) => heldCoupons(tx, me!)))[0]!.used).toBe(false);
  });
});
