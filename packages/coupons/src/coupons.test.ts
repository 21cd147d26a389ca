// The coupon rules a shopper and a merchant notice: what a coupon takes off, when it applies, which one is best.
import { describe, expect, it } from "vitest";
import { bestCoupon, couponInputSchema, couponOffers, couponUse, datesWindow, discountText, type HeldCoupon, heldWindow, thresholdText } from "./index";

const AT = new Date("2026-12-03T04:00:00Z");
const SHOES = "11111111-1111-4111-8111-111111111111";
const TEA = "22222222-2222-4222-8222-222222222222";
const DRINKS = "33333333-3333-4333-8333-333333333333";

const lines = [
  { itemId: SHOES, categoryId: null, lineTotalFen: 20_000 },
  { itemId: TEA, categoryId: DRINKS, lineTotalFen: 3_000 },
];

function held(terms: Partial<HeldCoupon["terms"]>, more: Partial<HeldCoupon> = {}): HeldCoupon {
  return {
    id: more.id ?? "c1",
    terms: { name: "券", discount: { kind: "amount", amountFen: 500 }, thresholdFen: 0, scope: { kind: "all" }, ...terms },
    validFrom: new Date("2026-12-01T00:00:00Z"),
    validUntil: new Date("2026-12-31T00:00:00Z"),
    used: false,
    ...more,
  };
}

describe("what a coupon takes off", () => {
  it("takes a fixed amount, or a percentage of the goods rounded down to the fen", () => {
    expect(couponUse(held({ discount: { kind: "amount", amountFen: 1_500 } }), lines, 23_000, AT)).toEqual({ ok: true, discountFen: 1_500 });
    // 15% of ¥230.00 is ¥34.50; of 3 fen's line it would round down.
    expect(couponUse(held({ discount: { kind: "percent", percentOff: 15 } }), lines, 23_000, AT)).toEqual({ ok: true, discountFen: 3_450 });
    expect(couponUse(held({ discount: { kind: "percent", percentOff: 15 } }), [{ itemId: TEA, categoryId: null, lineTotalFen: 7 }], 507, AT)).toEqual({ ok: true, discountFen: 1 });
  });

  it("applies its threshold and its discount to the goods in its scope only, by item or by category", () => {
    const drinks = held({ discount: { kind: "amount", amountFen: 1_000 }, thresholdFen: 2_000, scope: { kind: "chosen", categoryIds: [DRINKS], itemIds: [] } });
    expect(couponUse(drinks, lines, 23_000, AT)).toEqual({ ok: true, discountFen: 1_000 });
    const tooSmall = held({ discount: { kind: "amount", amountFen: 1_000 }, thresholdFen: 5_000, scope: { kind: "chosen", categoryIds: [DRINKS], itemIds: [] } });
    expect(couponUse(tooSmall, lines, 23_000, AT)).toEqual({ ok: false, reason: "threshold", thresholdFen: 5_000, eligibleFen: 3_000 });
    const shoesOnly = held({ discount: { kind: "percent", percentOff: 10 }, scope: { kind: "chosen", categoryIds: [], itemIds: [SHOES] } });
    expect(couponUse(shoesOnly, lines, 23_000, AT)).toEqual({ ok: true, discountFen: 2_000 });
    const elsewhere = held({ scope: { kind: "chosen", categoryIds: [], itemIds: ["44444444-4444-4444-8444-444444444444"] } });
    expect(couponUse(elsewhere, lines, 23_000, AT)).toEqual({ ok: false, reason: "outOfScope" });
  });

  it("never takes more than the goods it covers, and always leaves a fen to pay", () => {
    const big = held({ discount: { kind: "amount", amountFen: 50_000 }, scope: { kind: "chosen", categoryIds: [DRINKS], itemIds: [] } });
    expect(couponUse(big, lines, 23_000, AT)).toEqual({ ok: true, discountFen: 3_000 });
    const only = [{ itemId: TEA, categoryId: DRINKS, lineTotalFen: 3_000 }];
    expect(couponUse(held({ discount: { kind: "amount", amountFen: 50_000 } }), only, 3_000, AT)).toEqual({ ok: true, discountFen: 2_999 });
  });

  it("is refused when used, before its start and from its end", () => {
    expect(couponUse(held({}, { used: true }), lines, 23_000, AT)).toEqual({ ok: false, reason: "used" });
    expect(couponUse(held({}, { validFrom: new Date("2026-12-04T00:00:00Z") }), lines, 23_000, AT)).toEqual({ ok: false, reason: "notStarted" });
    expect(couponUse(held({}, { validUntil: AT }), lines, 23_000, AT)).toEqual({ ok: false, reason: "expired" });
  });
});

describe("the best coupon", () => {
  it("is the one that takes the most off; at a tie, the one ending sooner; none when nothing applies", () => {
    const five = held({ discount: { kind: "amount", amountFen: 500 } }, { id: "five" });
    const tenPercent = held({ discount: { kind: "percent", percentOff: 10 } }, { id: "ten" });
    const locked = held({ discount: { kind: "amount", amountFen: 9_000 }, thresholdFen: 90_000 }, { id: "locked" });
    expect(bestCoupon([five, tenPercent, locked], lines, 23_000, AT)).toEqual({ coupon: tenPercent, discountFen: 2_300 });
    const soon = held({ discount: { kind: "amount", amountFen: 2_300 } }, { id: "soon", validUntil: new Date("2026-12-10T00:00:00Z") });
    expect(bestCoupon([tenPercent, soon], lines, 23_000, AT)?.coupon.id).toBe("soon");
    expect(bestCoupon([locked], lines, 23_000, AT)).toBeNull();
    expect(couponOffers([locked, five], lines, 23_000, AT).map((offer) => [offer.coupon.id, offer.use.ok])).toEqual([["five", true], ["locked", false]]);
  });
});

describe("the merchant's coupon", () => {
  const valid = {
    name: "新客立减",
    discount: { kind: "amount", amountFen: 500 },
    thresholdFen: 5_000,
    validity: { kind: "dates", from: "2026-12-01", until: "2026-12-31" },
    totalQuantity: 100,
    perShopperLimit: 1,
    scope: { kind: "all" },
  };

  it("accepts a whole coupon and fills a tolerant default for the per-shopper limit and threshold", () => {
    expect(couponInputSchema.safeParse(valid).success).toBe(true);
    const { perShopperLimit, thresholdFen, ...bare } = valid;
    const parsed = couponInputSchema.parse({ ...bare, validity: { kind: "days", days: 7 } });
    expect([parsed.perShopperLimit, parsed.thresholdFen]).toEqual([1, 0]);
  });

  it("says what is wrong, and where", () => {
    const issues = (input: object) => couponInputSchema.safeParse(input).error?.issues.map((issue) => [issue.path.join("."), issue.message]);
    expect(issues({ ...valid, validity: { kind: "dates", from: "2026-12-31", until: "2026-12-01" } })).toEqual([["validity.until", "coupons.form.dates"]]);
    expect(issues({ ...valid, discount: { kind: "percent", percentOff: 100 } })).toEqual([["discount.percentOff", "coupons.form.percent"]]);
    expect(issues({ ...valid, scope: { kind: "chosen", categoryIds: [], itemIds: [] } })).toEqual([["scope.itemIds", "coupons.form.scopeEmpty"]]);
    expect(issues({ ...valid, discount: { kind: "amount", amountFen: 8_000 } })).toEqual([["discount.amountFen", "coupons.form.amountOverThreshold"]]);
    expect(issues({ ...valid, totalQuantity: 0 })).toEqual([["totalQuantity", "coupons.form.quantity"]]);
  });

  it("runs dated coupons over whole days in Asia/Shanghai, and day coupons from the claim", () => {
    expect(datesWindow({ from: "2026-12-01", until: "2026-12-31" })).toEqual({ from: new Date("2026-11-30T16:00:00Z"), until: new Date("2026-12-31T16:00:00Z") });
    expect(heldWindow({ kind: "days", days: 7 }, AT)).toEqual({ from: AT, until: new Date("2026-12-10T04:00:00Z") });
  });

  it("reads as shoppers expect: ¥5, 8.5折, 满50元可用", () => {
    expect(discountText({ kind: "amount", amountFen: 500 })).toBe("¥5");
    expect(discountText({ kind: "percent", percentOff: 15 })).toBe("8.5折");
    expect(discountText({ kind: "percent", percentOff: 20 })).toBe("8折");
    expect(discountText({ kind: "percent", percentOff: 15 }, "en")).toBe("15% off");
    expect(thresholdText(5_000)).toBe("满50元可用");
    expect(thresholdText(0, "en")).toBe("No minimum");
  });
});
