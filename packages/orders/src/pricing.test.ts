import { itemSchema, type Item, type ItemInput } from "@kaidian/catalog";
import { describe, expect, it } from "vitest";
import type { DeliveryRules } from "./delivery";
import { MAX_ORDER_TOTAL_FEN, priceOrder } from "./pricing";
import { orderRefusalMessage, type OrderRefusal } from "./refusals";
import { orderRequestSchema, type OrderRequestInput } from "./request";

const item = (input: ItemInput): Item => itemSchema.parse(input);

const tea = item({
  id: "tea",
  kind: "product",
  categoryId: null,
  title: "明前龙井",
  priceFen: 6800,
  details: {
    specs: [{ name: "规格", options: ["250g", "500g"] }],
    skus: [
      { options: ["250g"], priceFen: 6800, stock: 5 },
      { options: ["500g"], priceFen: 12800, stock: 0 },
    ],
  },
});
const mug = item({ id: "mug", kind: "product", categoryId: null, title: "白瓷杯", priceFen: 2990 });
const latte = item({
  id: "latte",
  kind: "dish",
  categoryId: null,
  title: "拿铁",
  priceFen: 2800,
  details: {
    optionGroups: [
      { name: "杯型", required: true, options: [{ name: "中杯" }, { name: "大杯", extraFen: 300 }] },
      { name: "加料", multiple: true, options: [{ name: "燕麦奶", extraFen: 400 }, { name: "浓缩", extraFen: 350 }] },
    ],
  },
});
const soup = item({ id: "soup", kind: "dish", categoryId: null, title: "例汤", priceFen: 1200, details: { soldOut: true } });
const room = item({ id: "room", kind: "room", categoryId: null, title: "湖景大床房", priceFen: 56800, details: { capacity: 2 } });
const catalog = [tea, mug, latte, soup, room];

const address = { name: "王小明", phone: "13800138000", province: "浙江省", city: "杭州市", district: "西湖区", detail: "文三路 1 号" };
const rules: DeliveryRules = { express: { enabled: true, feeFen: 1000, freeFromFen: 9900 }, pickup: { enabled: true, address: "店内前台" } };

type LineInput = OrderRequestInput["lines"][number];
const order = (lines: LineInput[], delivery: OrderRequestInput["delivery"] = { method: "express", address }) =>
  orderRequestSchema.parse({ lines, delivery, note: "少冰" });

function refusalsOf(lines: LineInput[], items: readonly Item[] = catalog, deliveryRules = rules): OrderRefusal[] {
  const pricing = priceOrder(order(lines), items, deliveryRules);
  if (pricing.ok) throw new Error("expected the order to be refused");
  return pricing.refusals;
}

describe("pricing an order from the catalog", () => {
  it("prices SKUs, plain products and dish options from the catalog, adds the express fee under the threshold", () => {
    const pricing = priceOrder(
      order([
        { itemId: "tea", skuOptions: ["250g"], quantity: 2, seenUnitPriceFen: 6800 },
        { itemId: "latte", dishOptions: [{ group: "杯型", options: ["大杯"] }, { group: "加料", options: ["燕麦奶", "浓缩"] }], quantity: 1, seenUnitPriceFen: 3850 },
      ]),
      catalog,
      { ...rules, express: { enabled: true, feeFen: 1000, freeFromFen: null } },
    );
    expect(pricing).toEqual({
      ok: true,
      order: {
        lines: [
          { itemId: "tea", kind: "product", title: "明前龙井", skuOptions: ["250g"], dishOptions: [], quantity: 2, unitPriceFen: 6800, lineTotalFen: 13600 },
          {
            itemId: "latte",
            kind: "dish",
            title: "拿铁",
            skuOptions: [],
            dishOptions: [{ group: "杯型", options: ["大杯"] }, { group: "加料", options: ["燕麦奶", "浓缩"] }],
            quantity: 1,
            unitPriceFen: 3850,
            lineTotalFen: 3850,
          },
        ],
        subtotalFen: 17450,
        deliveryFeeFen: 1000,
        // No coupon yet: checkout applies one afterwards (order-coupons.ts).
        discountFen: 0,
        shopperCouponId: null,
        // Nor membership: checkout applies it after the coupon (order-members.ts).
        levelDiscountFen: 0,
        pointsUsed: 0,
        pointsDiscountFen: 0,
        totalFen: 18450,
        delivery: { method: "express", address: { ...address, postalCode: "" } },
        note: "少冰",
      },
    });
  });

  it("ships free from the threshold on, charges one fen below it, and never charges pickup", () => {
    const mugs = (quantity: number, delivery?: OrderRequestInput["delivery"]) =>
      priceOrder(order([{ itemId: "mug", quantity, seenUnitPriceFen: 2990 }], delivery), catalog, { ...rules, express: { enabled: true, feeFen: 800, freeFromFen: 8970 } });
    expect(mugs(3)).toMatchObject({ ok: true, order: { subtotalFen: 8970, deliveryFeeFen: 0, totalFen: 8970 } });
    expect(mugs(2)).toMatchObject({ ok: true, order: { subtotalFen: 5980, deliveryFeeFen: 800, totalFen: 6780 } });
    expect(mugs(1, { method: "pickup" })).toMatchObject({ ok: true, order: { subtotalFen: 2990, deliveryFeeFen: 0, totalFen: 2990 } });
  });

  it("charges the catalog's price, never the phone's, and tells the shopper the fresh price", () => {
    const refusals = refusalsOf([{ itemId: "tea", skuOptions: ["250g"], quantity: 1, seenUnitPriceFen: 1 }]);
    expect(refusals).toEqual([{ code: "priceChanged", line: 0, itemId: "tea", title: "明前龙井", seenFen: 1, currentFen: 6800 }]);
    expect(orderRefusalMessage(refusals[0]!)).toBe("「明前龙井」的价格已由 ¥0.01 变为 ¥68.00，请确认后再下单。");
    expect(orderRefusalMessage(refusals[0]!, "en")).toBe('The price of "明前龙井" changed from ¥0.01 to ¥68.00. Please check and order again.');
  });

  it("refuses an item that is gone or hidden, naming the line", () => {
    const refusals = refusalsOf([
      { itemId: "mug", quantity: 1, seenUnitPriceFen: 2990 },
      { itemId: "deleted", quantity: 1, seenUnitPriceFen: 100 },
    ]);
    expect(refusals).toEqual([{ code: "itemGone", line: 1, itemId: "deleted" }]);
    expect(orderRefusalMessage(refusals[0]!)).toBe("第 2 件商品已下架，请从购物车移除。");
    // Hidden: the caller passes only what shoppers can see, so a hidden mug reads as gone.
    expect(refusalsOf([{ itemId: "mug", quantity: 1, seenUnitPriceFen: 2990 }], [tea])).toEqual([{ code: "itemGone", line: 0, itemId: "mug" }]);
  });

  it("refuses a SKU that no longer exists, and options on a product that has none", () => {
    expect(refusalsOf([{ itemId: "tea", skuOptions: ["1kg"], quantity: 1, seenUnitPriceFen: 20000 }])).toEqual([
      { code: "skuGone", line: 0, itemId: "tea", title: "明前龙井", options: ["1kg"] },
    ]);
    expect(refusalsOf([{ itemId: "tea", quantity: 1, seenUnitPriceFen: 6800 }])).toEqual([
      { code: "skuGone", line: 0, itemId: "tea", title: "明前龙井", options: [] },
    ]);
    expect(refusalsOf([{ itemId: "mug", skuOptions: ["红色"], quantity: 1, seenUnitPriceFen: 2990 }])).toEqual([
      { code: "skuGone", line: 0, itemId: "mug", title: "白瓷杯", options: ["红色"] },
    ]);
    expect(refusalsOf([{ itemId: "mug", dishOptions: [{ group: "杯型", options: ["大杯"] }], quantity: 1, seenUnitPriceFen: 2990 }])).toEqual([
      { code: "optionsInvalid", line: 0, itemId: "mug", title: "白瓷杯", problem: "notApplicable", group: null, option: null },
    ]);
  });

  it("refuses stock beyond what is left, counting every line of the SKU, and says how many are left", () => {
    const refusals = refusalsOf([
      { itemId: "tea", skuOptions: ["250g"], quantity: 3, seenUnitPriceFen: 6800 },
      { itemId: "mug", quantity: 1, seenUnitPriceFen: 2990 },
      { itemId: "tea", skuOptions: ["250g"], quantity: 3, seenUnitPriceFen: 6800 },
    ]);
    expect(refusals).toEqual([{ code: "notEnoughStock", line: 0, itemId: "tea", title: "明前龙井", options: ["250g"], requested: 6, left: 5 }]);
    expect(orderRefusalMessage(refusals[0]!)).toBe("「明前龙井」250g仅剩 5 件，请减少数量。");
    expect(orderRefusalMessage(refusals[0]!, "en")).toBe('Only 5 left of "明前龙井" in 250g. Please lower the quantity.');
    // Exactly the stock is fine.
    expect(priceOrder(order([{ itemId: "tea", skuOptions: ["250g"], quantity: 5, seenUnitPriceFen: 6800 }]), catalog, rules).ok).toBe(true);
  });

  it("says a SKU with no stock is sold out", () => {
    const [refusal] = refusalsOf([{ itemId: "tea", skuOptions: ["500g"], quantity: 1, seenUnitPriceFen: 12800 }]);
    expect(refusal).toMatchObject({ code: "notEnoughStock", left: 0, requested: 1 });
    expect(orderRefusalMessage(refusal!)).toBe("「明前龙井」500g已售罄。");
    expect(orderRefusalMessage(refusal!, "en")).toBe('"明前龙井" in 500g is sold out.');
  });

  it("refuses a sold-out dish", () => {
    const refusals = refusalsOf([{ itemId: "soup", quantity: 1, seenUnitPriceFen: 1200 }]);
    expect(refusals).toEqual([{ code: "soldOut", line: 0, itemId: "soup", title: "例汤" }]);
    expect(orderRefusalMessage(refusals[0]!)).toBe("「例汤」已售罄。");
  });

  it("refuses a dish without a required choice", () => {
    const refusals = refusalsOf([{ itemId: "latte", dishOptions: [{ group: "杯型", options: [] }], quantity: 1, seenUnitPriceFen: 2800 }]);
    expect(refusals).toEqual([{ code: "optionRequired", line: 0, itemId: "latte", title: "拿铁", group: "杯型" }]);
    expect(orderRefusalMessage(refusals[0]!)).toBe("「拿铁」请选择「杯型」。");
    expect(orderRefusalMessage(refusals[0]!, "en")).toBe('"拿铁": please choose "杯型".');
  });

  it.each([
    ["an unknown group", [{ group: "甜度", options: ["半糖"] }], { problem: "unknownGroup", group: "甜度", option: null }],
    ["an unknown option", [{ group: "杯型", options: ["超大杯"] }], { problem: "unknownOption", group: "杯型", option: "超大杯" }],
    ["two options of a single-choice group", [{ group: "杯型", options: ["中杯", "大杯"] }], { problem: "tooManyInGroup", group: "杯型", option: null }],
    ["one option twice", [{ group: "杯型", options: ["中杯"] }, { group: "加料", options: ["浓缩", "浓缩"] }], { problem: "duplicate", group: "加料", option: "浓缩" }],
    ["one group twice", [{ group: "杯型", options: ["中杯"] }, { group: "杯型", options: ["大杯"] }], { problem: "duplicate", group: "杯型", option: null }],
  ])("refuses a dish choice with %s", (_, dishOptions, expected) => {
    const refusals = refusalsOf([{ itemId: "latte", dishOptions, quantity: 1, seenUnitPriceFen: 2800 }]);
    expect(refusals).toEqual([{ code: "optionsInvalid", line: 0, itemId: "latte", title: "拿铁", ...expected }]);
    expect(orderRefusalMessage(refusals[0]!)).toMatch(/^「拿铁」：.+，请重新选择。$/);
  });

  it("refuses spec options on a dish and rooms, which are booked rather than ordered", () => {
    expect(refusalsOf([{ itemId: "latte", skuOptions: ["大"], dishOptions: [{ group: "杯型", options: ["中杯"] }], quantity: 1, seenUnitPriceFen: 2800 }])).toEqual([
      { code: "optionsInvalid", line: 0, itemId: "latte", title: "拿铁", problem: "notApplicable", group: null, option: null },
    ]);
    expect(refusalsOf([{ itemId: "room", quantity: 1, seenUnitPriceFen: 56800 }])).toEqual([{ code: "notOrderable", line: 0, itemId: "room", title: "湖景大床房" }]);
  });

  it("refuses a delivery method the store has switched off", () => {
    const pickupOnly: DeliveryRules = { ...rules, express: { ...rules.express, enabled: false } };
    expect(refusalsOf([{ itemId: "mug", quantity: 1, seenUnitPriceFen: 2990 }], catalog, pickupOnly)).toEqual([{ code: "deliveryUnavailable", method: "express" }]);
    const expressOnly: DeliveryRules = { ...rules, pickup: { enabled: false, address: "" } };
    const pricing = priceOrder(order([{ itemId: "mug", quantity: 1, seenUnitPriceFen: 2990 }], { method: "pickup" }), catalog, expressOnly);
    expect(pricing).toEqual({ ok: false, refusals: [{ code: "deliveryUnavailable", method: "pickup" }] });
    expect(orderRefusalMessage({ code: "deliveryUnavailable", method: "pickup" })).toBe("本店暂不支持到店自提。");
  });

  it("refuses a total beyond one payment's ceiling", () => {
    const gold = item({ id: "gold", kind: "product", categoryId: null, title: "金条", priceFen: 1_000_000 });
    const refusals = refusalsOf([{ itemId: "gold", quantity: 11, seenUnitPriceFen: 1_000_000 }], [gold]);
    expect(refusals).toEqual([{ code: "totalTooLarge", totalFen: 11_000_000, maxFen: MAX_ORDER_TOTAL_FEN }]);
    expect(orderRefusalMessage(refusals[0]!)).toBe("订单金额超过单笔上限 ¥100000.00，请分开下单。");
    expect(priceOrder(order([{ itemId: "gold", quantity: 10, seenUnitPriceFen: 1_000_000 }]), [gold], rules)).toMatchObject({ ok: true, order: { totalFen: 10_000_000 } });
  });

  it("refuses an empty order built without the schema", () => {
    expect(priceOrder({ lines: [], delivery: { method: "pickup" }, note: "", usePoints: false }, catalog, rules)).toEqual({ ok: false, refusals: [{ code: "emptyOrder" }] });
  });

  it("reports every problem at once, order-wide first and then line by line", () => {
    const pickupOnly: DeliveryRules = { ...rules, express: { ...rules.express, enabled: false } };
    const refusals = refusalsOf(
      [
        { itemId: "soup", quantity: 1, seenUnitPriceFen: 1200 },
        { itemId: "gone", quantity: 1, seenUnitPriceFen: 1 },
        { itemId: "mug", quantity: 1, seenUnitPriceFen: 2000 },
      ],
      catalog,
      pickupOnly,
    );
    expect(refusals.map((refusal) => [refusal.code, "line" in refusal ? refusal.line : null])).toEqual([
      ["deliveryUnavailable", null],
      ["soldOut", 0],
      ["itemGone", 1],
      ["priceChanged", 2],
    ]);
  });
});

// A small seeded generator, so a failing case can be replayed from its seed.
function random(seed: number) {
  let state = seed >>> 0;
  return (below: number) => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state % below;
  };
}

describe("money over many random carts", () => {
  it("keeps every amount a whole number of fen, the total the sum of its parts, and the fee by the threshold", () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const items = Array.from({ length: 1 + next(6) }, (_, index) =>
        item({
          id: `dish-${index}`,
          kind: "dish",
          categoryId: null,
          title: `菜 ${index}`,
          priceFen: next(20_000),
          details: { optionGroups: [{ name: "加料", multiple: true, options: [{ name: "甲", extraFen: next(500) }, { name: "乙", extraFen: next(500) }] }] },
        }),
      );
      const deliveryRules: DeliveryRules = { express: { enabled: true, feeFen: next(2000), freeFromFen: next(2) ? next(50_000) : null }, pickup: { enabled: false, address: "" } };
      const lines = Array.from({ length: 1 + next(8) }, () => {
        const chosen = items[next(items.length)]!;
        const options = ["甲", "乙"].filter(() => next(2) === 1);
        const groups = chosen.kind === "dish" ? chosen.details.optionGroups : [];
        const expectedUnit = chosen.priceFen + (groups[0]?.options ?? []).filter((option) => options.includes(option.name)).reduce((sum, option) => sum + option.extraFen, 0);
        return { itemId: chosen.id, dishOptions: [{ group: "加料", options }], quantity: 1 + next(20), seenUnitPriceFen: expectedUnit };
      });
      const pricing = priceOrder(order(lines), items, deliveryRules);
      if (!pricing.ok) throw new Error(`seed ${seed}: ${JSON.stringify(pricing.refusals)}`);
      const { lines: priced, subtotalFen, deliveryFeeFen, totalFen } = pricing.order;
      for (const [index, line] of priced.entries()) {
        expect(Number.isSafeInteger(line.unitPriceFen) && Number.isSafeInteger(line.lineTotalFen)).toBe(true);
        expect(line.unitPriceFen).toBe(lines[index]!.seenUnitPriceFen);
        expect(line.lineTotalFen).toBe(line.unitPriceFen * line.quantity);
      }
      expect(subtotalFen).toBe(priced.reduce((sum, line) => sum + line.lineTotalFen, 0));
      const { freeFromFen, feeFen } = deliveryRules.express;
      expect(deliveryFeeFen).toBe(freeFromFen !== null && subtotalFen >= freeFromFen ? 0 : feeFen);
      expect(totalFen).toBe(subtotalFen + deliveryFeeFen);
      expect([subtotalFen, deliveryFeeFen, totalFen].every(Number.isSafeInteger)).toBe(true);
    }
  });

  it("sums the awkward decimals of yuan exactly, where floats drift", () => {
    // 0.1 + 0.2 yuan is the classic float slip; 10 fen + 20 fen is 30 fen.
    const cheap = [item({ id: "a", kind: "product", categoryId: null, title: "甲", priceFen: 10 }), item({ id: "b", kind: "product", categoryId: null, title: "乙", priceFen: 20 })];
    const pricing = priceOrder(
      order([{ itemId: "a", quantity: 999, seenUnitPriceFen: 10 }, { itemId: "b", quantity: 999, seenUnitPriceFen: 20 }], { method: "pickup" }),
      cheap,
      rules,
    );
    expect(pricing).toMatchObject({ ok: true, order: { subtotalFen: 29_970, totalFen: 29_970 } });
  });
});
