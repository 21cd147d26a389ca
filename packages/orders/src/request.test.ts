import { describe, expect, it } from "vitest";
import { DEFAULT_DELIVERY_RULES, deliveryFeeFen, deliveryRulesSchema } from "./delivery";
import { orderRefusalMessage, yuanText, type OrderRefusal, type OrderRefusalCode } from "./refusals";
import { MAX_LINE_QUANTITY, MAX_ORDER_LINES, parseOrderRequest } from "./request";

const line = { itemId: "mug", quantity: 1, seenUnitPriceFen: 2990 };
const pickup = { method: "pickup" };

describe("reading a shopper's order request", () => {
  it("accepts a well-formed request and fills the defaults", () => {
    expect(parseOrderRequest({ lines: [line], delivery: pickup })).toEqual({
      ok: true,
      request: { lines: [{ ...line, skuOptions: [], dishOptions: [] }], delivery: pickup, note: "", usePoints: false },
    });
  });

  it("refuses an empty order", () => {
    const parsed = parseOrderRequest({ lines: [], delivery: pickup });
    expect(parsed).toEqual({ ok: false, refusals: [{ code: "emptyOrder" }] });
    expect(orderRefusalMessage({ code: "emptyOrder" })).toBe("订单里还没有商品。");
  });

  it("refuses quantities out of bounds, naming the line", () => {
    for (const quantity of [0, -1, MAX_LINE_QUANTITY + 1, 1.5]) {
      const parsed = parseOrderRequest({ lines: [line, { ...line, quantity }], delivery: pickup });
      expect(parsed, `quantity ${quantity}`).toEqual({ ok: false, refusals: [{ code: "quantityBounds", line: 1, min: 1, max: MAX_LINE_QUANTITY }] });
    }
    expect(parseOrderRequest({ lines: [{ ...line, quantity: MAX_LINE_QUANTITY }], delivery: pickup }).ok).toBe(true);
    expect(orderRefusalMessage({ code: "quantityBounds", line: 1, min: 1, max: 999 })).toBe("第 2 件商品的数量须在 1 到 999 之间。");
  });

  it("refuses too many lines", () => {
    const parsed = parseOrderRequest({ lines: Array.from({ length: MAX_ORDER_LINES + 1 }, () => line), delivery: pickup });
    expect(parsed).toEqual({ ok: false, refusals: [{ code: "tooManyLines", max: MAX_ORDER_LINES }] });
  });

  it("names the field of any other malformed part, and never reads a price from the phone", () => {
    expect(parseOrderRequest({ lines: [{ ...line, seenUnitPriceFen: 29.9 }], delivery: pickup })).toEqual({ ok: false, refusals: [{ code: "invalidInput", path: "lines.0.seenUnitPriceFen" }] });
    expect(parseOrderRequest({ lines: [line], delivery: { method: "express" } })).toEqual({ ok: false, refusals: [{ code: "invalidInput", path: "delivery.address" }] });
    expect(parseOrderRequest({ lines: [line], delivery: pickup, note: "a\u0000b" })).toEqual({ ok: false, refusals: [{ code: "invalidInput", path: "note" }] });
    const withPrice = parseOrderRequest({ lines: [{ ...line, unitPriceFen: 1 }], delivery: pickup, totalFen: 1 });
    expect(withPrice.ok && withPrice.request).toEqual({ lines: [{ ...line, skuOptions: [], dishOptions: [] }], delivery: pickup, note: "", usePoints: false });
  });
});

describe("the merchant's delivery rules", () => {
  it("keeps the default valid", () => {
    expect(deliveryRulesSchema.parse(DEFAULT_DELIVERY_RULES)).toEqual(DEFAULT_DELIVERY_RULES);
  });

  it("refuses a store with no way to hand orders over, pickup without an address, and fees in fractions of fen", () => {
    const issues = (input: unknown) => deliveryRulesSchema.safeParse(input).error?.issues.map((issue) => issue.path.join("."));
    expect(issues({ express: { enabled: false, feeFen: 0, freeFromFen: null }, pickup: { enabled: false, address: "" } })).toEqual(["express.enabled"]);
    expect(issues({ express: { enabled: false, feeFen: 0, freeFromFen: null }, pickup: { enabled: true, address: " " } })).toEqual(["pickup.address"]);
    expect(issues({ express: { enabled: true, feeFen: 9.5, freeFromFen: null }, pickup: { enabled: false, address: "" } })).toEqual(["express.feeFen"]);
  });

  it("charges the flat fee below the threshold and nothing from it on", () => {
    expect(deliveryFeeFen(DEFAULT_DELIVERY_RULES, "express", 9899)).toBe(1000);
    expect(deliveryFeeFen(DEFAULT_DELIVERY_RULES, "express", 9900)).toBe(0);
    expect(deliveryFeeFen({ ...DEFAULT_DELIVERY_RULES, express: { enabled: true, feeFen: 600, freeFromFen: null } }, "express", 1_000_000)).toBe(600);
    expect(deliveryFeeFen(DEFAULT_DELIVERY_RULES, "pickup", 1)).toBe(0);
  });
});

describe("amounts in words", () => {
  it("writes fen as yuan by whole-number arithmetic", () => {
    expect([0, 1, 10, 99, 100, 18450, 999_999_999_999].map(yuanText)).toEqual(["0.00", "0.01", "0.10", "0.99", "1.00", "184.50", "9999999999.99"]);
  });
});

describe("refusal messages", () => {
  // One of each refusal; `satisfies` fails to compile when a new code has no sample here.
  const samples = {
    emptyOrder: { code: "emptyOrder" },
    tooManyLines: { code: "tooManyLines", max: 100 },
    quantityBounds: { code: "quantityBounds", line: 2, min: 1, max: 999 },
    invalidInput: { code: "invalidInput", path: "lines.2.itemId" },
    itemGone: { code: "itemGone", line: 2, itemId: "x" },
    notOrderable: { code: "notOrderable", line: 2, itemId: "x", title: "湖景房" },
    skuGone: { code: "skuGone", line: 2, itemId: "x", title: "龙井", options: ["1kg"] },
    optionsInvalid: { code: "optionsInvalid", line: 2, itemId: "x", title: "拿铁", problem: "unknownOption", group: "杯型", option: "超大杯" },
    optionRequired: { code: "optionRequired", line: 2, itemId: "x", title: "拿铁", group: "杯型" },
    soldOut: { code: "soldOut", line: 2, itemId: "x", title: "例汤" },
    notEnoughStock: { code: "notEnoughStock", line: 2, itemId: "x", title: "龙井", options: ["250g"], requested: 6, left: 5 },
    priceChanged: { code: "priceChanged", line: 2, itemId: "x", title: "龙井", seenFen: 6800, currentFen: 7200 },
    deliveryUnavailable: { code: "deliveryUnavailable", method: "express" },
    totalTooLarge: { code: "totalTooLarge", totalFen: 11_000_000, maxFen: 10_000_000 },
    notADish: { code: "notADish", line: 2, itemId: "x", title: "龙井" },
    couponUnusable: { code: "couponUnusable", coupon: "x", reason: "threshold", thresholdFen: 5_000, eligibleFen: 3_000 },
    pointsShort: { code: "pointsShort", pointsUsed: 300 },
  } satisfies { [Code in OrderRefusalCode]: Extract<OrderRefusal, { code: Code }> };

  it.each(Object.values(samples))("words $code in Chinese and English with what the shopper must know", (refusal: OrderRefusal) => {
    const zh = orderRefusalMessage(refusal, "zh-CN");
    const en = orderRefusalMessage(refusal, "en");
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(en).toMatch(/^[^\u4e00-\u9fff]*("[^"]*"[^\u4e00-\u9fff]*)*$/);
    for (const message of [zh, en]) {
      expect(message).not.toMatch(/undefined|null|NaN|\[object/);
      if ("title" in refusal) expect(message).toContain(refusal.title);
      if ("left" in refusal) expect(message).toContain(String(refusal.left));
      if ("currentFen" in refusal) expect(message).toContain("72.00");
      if ("max" in refusal) expect(message).toContain(String(refusal.max));
      if (refusal.code === "itemGone" || refusal.code === "quantityBounds") expect(message).toContain("3");
    }
  });
});
