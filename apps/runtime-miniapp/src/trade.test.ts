// The checkout's and order pages' rules (lib/trade.js), alone: what is sent to shop-api and how its answers read.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCommonJs } from "../scripts/lib/commonjs.mjs";

// The runtime's modules are CommonJS for WeChat, inside a package Node reads as ESM: loaded as the build loads them.
const trade = loadCommonJs(path.join(import.meta.dirname, "lib", "trade.js")) as typeof import("./lib/trade.js");

const line = (itemId: string, quantity: number, seenUnitPriceFen: number) => ({
  key: `${itemId}|[]`,
  itemId,
  title: itemId,
  skuOptions: ["中烘"],
  dishOptions: [],
  quantity,
  seenUnitPriceFen,
});

describe("the order request", () => {
  it("sends ids, choices, quantities and the price the shopper saw, nothing shown on screen", () => {
    expect(trade.requestLines([line("beans", 2, 6800)])).toEqual([
      { itemId: "beans", skuOptions: ["中烘"], dishOptions: [], quantity: 2, seenUnitPriceFen: 6800 },
    ]);
  });

  it("maps wx.chooseAddress to the order's address, preferring the full street line", () => {
    const address = trade.addressFromWx({
      userName: "张三",
      telNumber: "13800000000",
      provinceName: "云南省",
      cityName: "昆明市",
      countyName: "五华区",
      detailInfo: "文林街 18 号",
      detailInfoNew: "文林街 18 号 2 单元",
      postalCode: "650031",
    });
    expect(address).toEqual({ name: "张三", phone: "13800000000", province: "云南省", city: "昆明市", district: "五华区", detail: "文林街 18 号 2 单元", postalCode: "650031" });
  });

  it("needs an address for express only, and offers the methods the merchant switched on", () => {
    expect(trade.deliveryChoice("express", null)).toBeNull();
    expect(trade.deliveryChoice("pickup", null)).toEqual({ method: "pickup" });
    const rules = { express: { enabled: false, feeFen: 1000, freeFromFen: null }, pickup: { enabled: true, address: "文林街" } };
    expect(trade.deliveryMethods(rules)).toEqual(["pickup"]);
  });

  it("keeps one idempotency key per attempt, different between attempts", () => {
    expect(trade.idempotencyKey(1_764_700_000_000, 0.5)).toBe(trade.idempotencyKey(1_764_700_000_000, 0.5));
    expect(trade.idempotencyKey(1_764_700_000_000, 0.5)).not.toBe(trade.idempotencyKey(1_764_700_000_000, 0.25));
    expect(trade.idempotencyKey(1_764_700_000_000, 0.5)).toMatch(/^[0-9a-z-]{8,40}$/);
  });
});

describe("refusals", () => {
  const lines = [line("beans", 3, 6800), line("mug", 1, 4800)];
  const refusals = [
    { code: "notEnoughStock", line: 0, left: 2, message: "「beans」仅剩 2 件，请减少数量。" },
    { code: "priceChanged", line: 1, seenFen: 4800, currentFen: 5200, message: "「mug」的价格已由 ¥48.00 变为 ¥52.00，请确认后再下单。" },
    { code: "deliveryUnavailable", method: "express", message: "本店暂不支持快递配送。" },
  ];

  it("lands on their lines, with what one tap can fix", () => {
    const placed = trade.placeRefusals(lines, refusals);
    expect(placed.lines[0]).toMatchObject({ problem: "「beans」仅剩 2 件，请减少数量。", left: 2, hasFreshPrice: false });
    expect(placed.lines[1]).toMatchObject({ hasFreshPrice: true, freshPriceFen: 5200, left: null });
    expect(placed.general).toEqual(["本店暂不支持快递配送。"]);
  });

  it("reads them at the top of the answer or inside its error", () => {
    expect(trade.refusalsOf({ error: { code: "order.refused", refusals } })).toHaveLength(3);
    expect(trade.refusalsOf({ error: { code: "order.refused" }, refusals })).toHaveLength(3);
    expect(trade.refusalsOf({ error: { code: "x" } })).toEqual([]);
  });

  it("sold out offers no quantity to lower to", () => {
    const placed = trade.placeRefusals(lines, [{ code: "notEnoughStock", line: 0, left: 0, message: "已售罄" }]);
    expect(placed.lines[0]!.left).toBeNull();
  });

  it("accepting a fresh price makes it the price the shopper agrees to", () => {
    const placed = trade.placeRefusals(lines, refusals);
    const accepted = trade.acceptFreshPrice(placed.lines, 1);
    expect(trade.requestLines(accepted)[1]!.seenUnitPriceFen).toBe(5200);
    expect(accepted[1]).toMatchObject({ problem: "", hasFreshPrice: false });
    expect(trade.acceptFreshPrice(placed.lines, 0)[0]!.seenUnitPriceFen).toBe(6800);
  });
});

describe("payment", () => {
  const payment = { timeStamp: "1764700000", nonceStr: "n0nce", package: "prepay_id=wx1", signType: "RSA", paySign: "c2ln" };

  it("passes shop-api's signed parameters to wx.requestPayment unchanged", () => {
    expect(trade.paymentOptions(payment)).toEqual(payment);
    expect(trade.paymentOptions({ ...payment, paySign: "" })).toBeNull();
    expect(trade.paymentOptions(null)).toBeNull();
  });

  it("tells a closed pay sheet from a failure", () => {
    expect(trade.paymentCancelled({ errMsg: "requestPayment:fail cancel" })).toBe(true);
    expect(trade.paymentCancelled({ errMsg: "requestPayment:fail system error" })).toBe(false);
  });
});

describe("an order as shown", () => {
  it("names its lines, amounts, events in China's time and the actions shop-api allows", () => {
    const view = trade.orderDetailView({
      id: "o1",
      number: "261203-0042",
      status: "shipped",
      statusName: "已发货",
      delivery: "express",
      lines: [{ title: "马克杯", skuOptions: ["米白"], dishOptions: [], quantity: 2, unitPriceFen: 4800, lineTotalFen: 9600 }],
      subtotalFen: 9600,
      deliveryFeeFen: 0,
      discountFen: 500,
      levelDiscountFen: 480,
      pointsUsed: 300,
      pointsDiscountFen: 300,
      totalFen: 8320,
      tracking: { company: "顺丰", number: "SF123456" },
      events: [
        { action: "pay", at: "2026-12-03T04:05:00.000Z", reason: "" },
        { action: "ship", at: "2026-12-03T16:30:00.000Z", reason: "" },
      ],
      actions: ["confirmReceipt", "requestRefund"],
      createdAt: "2026-12-03T04:00:00.000Z",
      expiresAt: "2026-12-03T04:15:00.000Z",
    });
    expect(view.lines[0]).toMatchObject({ optionsText: "米白", lineTotalFen: 9600 });
    expect(view).toMatchObject({ discountFen: 500, levelDiscountFen: 480, pointsUsed: 300, pointsDiscountFen: 300, totalFen: 8320 });
    expect(view.events).toEqual([
      { label: "付款", reason: "", at: "2026-12-03 12:05" },
      { label: "发货", reason: "", at: "2026-12-04 00:30" },
    ]);
    expect(view.can).toEqual({ pay: false, cancel: false, confirmReceipt: true, requestRefund: true, cancelStay: false });
    expect(view.expiresAt).toBe("");
  });
});
