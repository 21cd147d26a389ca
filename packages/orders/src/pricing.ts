// An order's amounts, computed on the server from the store's catalog as it is now. The phone's figures serve only
// to tell the shopper that something changed; nothing it sends about money is charged. All amounts are integer
// fen: prices ≤ 10^9 fen times quantities ≤ 999, summed over ≤ 100 lines, stay far inside exact integers.
import type { DishOptionGroup, Item } from "@kaidian/catalog";
import { deliveryAvailable, deliveryFeeFen, type DeliveryRules } from "./delivery";
import type { OptionProblem, OrderRefusal } from "./refusals";
import type { DeliveryChoice, OrderLineInput, OrderRequest } from "./request";

/** One payment's ceiling, ¥100,000: far above a small shop's basket, and it stops a runaway quantity or price. */
export const MAX_ORDER_TOTAL_FEN = 10_000_000;

export type ChosenDishOptions = { group: string; options: string[] }[];

/** A line as the order keeps it: what was bought, as it was named and priced at order time. */
export type PricedLine = {
  itemId: string;
  kind: "product" | "dish";
  title: string;
  skuOptions: string[];
  dishOptions: ChosenDishOptions;
  quantity: number;
  unitPriceFen: number;
  lineTotalFen: number;
};

export type PricedOrder = {
  lines: PricedLine[];
  subtotalFen: number;
  deliveryFeeFen: number;
  /** What the shopper's coupon takes off the goods (see order-coupons.ts); totalFen is net of it. */
  discountFen: number;
  /** The shopper's coupon (shopper_coupons.id) the discount is from, or null. */
  shopperCouponId: string | null;
  /** The member's level discount and the points spent with what they take off (see order-members.ts). */
  levelDiscountFen: number;
  pointsUsed: number;
  pointsDiscountFen: number;
  totalFen: number;
  delivery: DeliveryChoice;
  note: string;
};

export type Pricing = { ok: true; order: PricedOrder } | { ok: false; refusals: OrderRefusal[] };

const skuKey = (itemId: string, options: readonly string[]) => [itemId, ...options].join("\u0000");
const sameOptions = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((option, index) => option === b[index]);

type LineOutcome =
  | { ok: true; line: PricedLine; stock: number | null }
  | { ok: false; refusal: OrderRefusal };

/**
 * Prices a parsed order request against `items`: the store's items a shopper can see now (hidden and deleted ones
 * left out, so they read as gone). Every refusal is returned at once, so the shopper fixes the cart in one go.
 * The stock check here is for a clear early answer; the reservation's conditional UPDATE is what guarantees it.
 */
export function priceOrder(request: OrderRequest, items: readonly Item[], rules: DeliveryRules): Pricing {
  const refusals: OrderRefusal[] = [];
  if (request.lines.length === 0) refusals.push({ code: "emptyOrder" });
  if (!deliveryAvailable(rules, request.delivery.method)) refusals.push({ code: "deliveryUnavailable", method: request.delivery.method });

  const byId = new Map(items.map((item) => [item.id, item]));
  const lines: PricedLine[] = [];
  // Lines of one SKU share its stock: a shopper cannot pass the limit by splitting a quantity over two lines.
  const wanted = new Map<string, { line: number; stock: number; requested: number }>();
  request.lines.forEach((input, index) => {
    const outcome = priceLine(input, index, byId.get(input.itemId));
    if (!outcome.ok) {
      refusals.push(outcome.refusal);
      return;
    }
    lines.push(outcome.line);
    if (outcome.stock !== null) {
      const key = skuKey(input.itemId, input.skuOptions);
      const sku = wanted.get(key) ?? { line: index, stock: outcome.stock, requested: 0 };
      sku.requested += input.quantity;
      wanted.set(key, sku);
    }
    if (outcome.line.unitPriceFen !== input.seenUnitPriceFen) {
      refusals.push({ code: "priceChanged", line: index, itemId: input.itemId, title: outcome.line.title, seenFen: input.seenUnitPriceFen, currentFen: outcome.line.unitPriceFen });
    }
  });
  for (const { line, stock, requested } of wanted.values()) {
    if (requested <= stock) continue;
    const input = request.lines[line]!;
    const title = byId.get(input.itemId)!.title;
    refusals.push({ code: "notEnoughStock", line, itemId: input.itemId, title, options: input.skuOptions, requested, left: stock });
  }

  const subtotalFen = lines.reduce((sum, line) => sum + line.lineTotalFen, 0);
  const feeFen = deliveryFeeFen(rules, request.delivery.method, subtotalFen);
  const totalFen = subtotalFen + feeFen;
  if (totalFen > MAX_ORDER_TOTAL_FEN) refusals.push({ code: "totalTooLarge", totalFen, maxFen: MAX_ORDER_TOTAL_FEN });

  refusals.sort((a, b) => lineOf(a) - lineOf(b));
  if (refusals.length > 0) return { ok: false, refusals };
  return { ok: true, order: { lines, subtotalFen, deliveryFeeFen: feeFen, discountFen: 0, shopperCouponId: null, levelDiscountFen: 0, pointsUsed: 0, pointsDiscountFen: 0, totalFen, delivery: request.delivery, note: request.note } };
}

// Order-wide refusals first, then by line, so the message list reads top to bottom like the cart.
const lineOf = (refusal: OrderRefusal) => ("line" in refusal ? refusal.line : -1);

function priceLine(input: OrderLineInput, line: number, item: Item | undefined): LineOutcome {
  const { itemId, quantity } = input;
  if (!item) return { ok: false, refusal: { code: "itemGone", line, itemId } };
  const { title } = item;
  const priced = (kind: PricedLine["kind"], unitPriceFen: number, stock: number | null): LineOutcome => ({
    ok: true,
    stock,
    line: { itemId, kind, title, skuOptions: input.skuOptions, dishOptions: input.dishOptions, quantity, unitPriceFen, lineTotalFen: unitPriceFen * quantity },
  });
  const invalid = (problem: OptionProblem, group: string | null = null, option: string | null = null): LineOutcome => ({
    ok: false,
    refusal: { code: "optionsInvalid", line, itemId, title, problem, group, option },
  });

  switch (item.kind) {
    case "room":
      return { ok: false, refusal: { code: "notOrderable", line, itemId, title } };
    case "product": {
      if (input.dishOptions.length > 0) return invalid("notApplicable");
      const { skus } = item.details;
      // A product without SKUs has one price and no stock count: the merchant does not track it.
      if (skus.length === 0) return input.skuOptions.length === 0 ? priced("product", item.priceFen, null) : skuGone();
      const sku = skus.find((candidate) => sameOptions(candidate.options, input.skuOptions));
      return sku ? priced("product", sku.priceFen, sku.stock) : skuGone();
    }
    case "dish": {
      if (input.skuOptions.length > 0) return invalid("notApplicable");
      if (item.details.soldOut) return { ok: false, refusal: { code: "soldOut", line, itemId, title } };
      const extra = dishExtraFen(item.details.optionGroups, input.dishOptions);
      if (typeof extra === "number") return priced("dish", item.priceFen + extra, null);
      if ("required" in extra) return { ok: false, refusal: { code: "optionRequired", line, itemId, title, group: extra.required } };
      return invalid(extra.problem, extra.group, extra.option);
    }
  }

  function skuGone(): LineOutcome {
    return { ok: false, refusal: { code: "skuGone", line, itemId, title, options: input.skuOptions } };
  }
}

type DishChoiceProblem = { problem: OptionProblem; group: string; option: string | null } | { required: string };

/** The options' surcharge in fen, or the first thing wrong with the choice. */
function dishExtraFen(groups: readonly DishOptionGroup[], chosen: ChosenDishOptions): number | DishChoiceProblem {
  const seenGroups = new Set<string>();
  let extraFen = 0;
  for (const { group: name, options } of chosen) {
    const group = groups.find((candidate) => candidate.name === name);
    if (!group) return { problem: "unknownGroup", group: name, option: null };
    if (seenGroups.has(name)) return { problem: "duplicate", group: name, option: null };
    seenGroups.add(name);
    if (options.length > 1 && !group.multiple) return { problem: "tooManyInGroup", group: name, option: null };
    const seenOptions = new Set<string>();
    for (const optionName of options) {
      const option = group.options.find((candidate) => candidate.name === optionName);
      if (!option) return { problem: "unknownOption", group: name, option: optionName };
      if (seenOptions.has(optionName)) return { problem: "duplicate", group: name, option: optionName };
      seenOptions.add(optionName);
      extraFen += option.extraFen;
    }
  }
  const missing = groups.find((group) => group.required && !chosen.some((choice) => choice.group === group.name && choice.options.length > 0));
  return missing ? { required: missing.name } : extraFen;
}

export type PricedRound = { ok: true; lines: PricedLine[]; totalFen: number } | { ok: false; refusals: OrderRefusal[] };

/**
 * A round of dishes sent from a restaurant table, priced like any order's lines (options on the server, a sold-out
 * dish refused) but with no delivery: the dishes are served at the table. Anything but a dish is not for a table.
 */
export function priceRound(inputs: readonly OrderLineInput[], items: readonly Item[]): PricedRound {
  const byId = new Map(items.map((item) => [item.id, item]));
  const refusals: OrderRefusal[] = [];
  const lines: PricedLine[] = [];
  inputs.forEach((input, index) => {
    const item = byId.get(input.itemId);
    const outcome = item && item.kind !== "dish"
      ? { ok: false as const, refusal: { code: "notADish" as const, line: index, itemId: item.id, title: item.title } }
      : priceLine(input, index, item);
    if (!outcome.ok) return void refusals.push(outcome.refusal);
    lines.push(outcome.line);
    if (outcome.line.unitPriceFen !== input.seenUnitPriceFen) {
      refusals.push({ code: "priceChanged", line: index, itemId: input.itemId, title: outcome.line.title, seenFen: input.seenUnitPriceFen, currentFen: outcome.line.unitPriceFen });
    }
  });
  if (inputs.length === 0) refusals.push({ code: "emptyOrder" });
  const totalFen = lines.reduce((sum, line) => sum + line.lineTotalFen, 0);
  if (totalFen > MAX_ORDER_TOTAL_FEN) refusals.push({ code: "totalTooLarge", totalFen, maxFen: MAX_ORDER_TOTAL_FEN });
  refusals.sort((a, b) => lineOf(a) - lineOf(b));
  return refusals.length > 0 ? { ok: false, refusals } : { ok: true, lines, totalFen };
}
