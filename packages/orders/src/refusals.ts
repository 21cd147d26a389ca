// Why an order cannot be placed as sent, each refusal carrying what the shopper needs to fix it: the line it is
// about (0-based), the item, and the fresh figure (stock left, current price). The domain returns codes; the
// wording, zh-CN first and English, lives here beside them so the Mini Program and the dashboard say the same.
import { type CouponUnusable, couponUnusableMessage } from "@kaidian/coupons";

export type Locale = "zh-CN" | "en";

/** Fen as yuan text with two decimals ("12.50"), by integer division: no float ever touches an amount. */
export function yuanText(fen: number): string {
  return `${(fen - (fen % 100)) / 100}.${String(fen % 100).padStart(2, "0")}`;
}

export type OptionProblem = "unknownGroup" | "unknownOption" | "duplicate" | "tooManyInGroup" | "notApplicable";

export type OrderRefusal =
  | { code: "emptyOrder" }
  | { code: "tooManyLines"; max: number }
  | { code: "quantityBounds"; line: number; min: number; max: number }
  | { code: "invalidInput"; path: string }
  /** Deleted, hidden, or never this store's. */
  | { code: "itemGone"; line: number; itemId: string }
  /** Rooms are booked with dates, not ordered. */
  | { code: "notOrderable"; line: number; itemId: string; title: string }
  | { code: "skuGone"; line: number; itemId: string; title: string; options: string[] }
  | { code: "optionsInvalid"; line: number; itemId: string; title: string; problem: OptionProblem; group: string | null; option: string | null }
  | { code: "optionRequired"; line: number; itemId: string; title: string; group: string }
  | { code: "soldOut"; line: number; itemId: string; title: string }
  /** All lines of one SKU together ask for more than `left`; reported on the first of them. */
  | { code: "notEnoughStock"; line: number; itemId: string; title: string; options: string[]; requested: number; left: number }
  | { code: "priceChanged"; line: number; itemId: string; title: string; seenFen: number; currentFen: number }
  | { code: "deliveryUnavailable"; method: "express" | "pickup" }
  | { code: "totalTooLarge"; totalFen: number; maxFen: number }
  // Coupons
  /** The coupon chosen cannot be used on this order (see @kaidian/coupons' couponUse). */
  | { code: "couponUnusable"; coupon: string; reason: CouponUnusable; thresholdFen?: number; eligibleFen?: number }
  // Members
  /** The member's points were spent meanwhile (another checkout) and no longer cover what this order spends. */
  | { code: "pointsShort"; pointsUsed: number }
  // Table orders
  /** Only dishes are sent from a table to the kitchen. */
  | { code: "notADish"; line: number; itemId: string; title: string };

export type OrderRefusalCode = OrderRefusal["code"];

type Words = { [Code in OrderRefusalCode]: (refusal: Extract<OrderRefusal, { code: Code }>) => string };

const choice = (options: readonly string[], separator: string) => (options.length > 0 ? options.join(separator) : "");

const OPTION_PROBLEMS: Record<Locale, Record<OptionProblem, (group: string, option: string) => string>> = {
  "zh-CN": {
    unknownGroup: (group) => `没有「${group}」这一选项组`,
    unknownOption: (group, option) => `「${group}」中没有「${option}」`,
    duplicate: (group, option) => `「${group}」${option ? `的「${option}」` : ""}重复选择`,
    tooManyInGroup: (group) => `「${group}」只能选一项`,
    notApplicable: () => "该商品没有这些选项",
  },
  en: {
    unknownGroup: (group) => `there is no "${group}" choice`,
    unknownOption: (group, option) => `"${group}" has no "${option}"`,
    duplicate: (group, option) => `"${group}"${option ? ` "${option}"` : ""} is chosen twice`,
    tooManyInGroup: (group) => `pick only one "${group}"`,
    notApplicable: () => "this item has no such options",
  },
};

const WORDS: Record<Locale, Words> = {
  "zh-CN": {
    emptyOrder: () => "订单里还没有商品。",
    tooManyLines: ({ max }) => `一次最多下单 ${max} 种商品。`,
    quantityBounds: ({ line, min, max }) => `第 ${line + 1} 件商品的数量须在 ${min} 到 ${max} 之间。`,
    invalidInput: ({ path }) => `订单内容有误（${path || "订单"}），请刷新后重试。`,
    itemGone: ({ line }) => `第 ${line + 1} 件商品已下架，请从购物车移除。`,
    notOrderable: ({ title }) => `「${title}」需通过预订下单。`,
    skuGone: ({ title, options }) => `「${title}」的规格${options.length ? `「${choice(options, " / ")}」` : ""}已不存在，请重新选择。`,
    optionsInvalid: ({ title, problem, group, option }) => `「${title}」：${OPTION_PROBLEMS["zh-CN"][problem](group ?? "", option ?? "")}，请重新选择。`,
    optionRequired: ({ title, group }) => `「${title}」请选择「${group}」。`,
    soldOut: ({ title }) => `「${title}」已售罄。`,
    notEnoughStock: ({ title, options, left }) =>
      left === 0 ? `「${title}」${choice(options, " / ")}已售罄。` : `「${title}」${choice(options, " / ")}仅剩 ${left} 件，请减少数量。`,
    priceChanged: ({ title, seenFen, currentFen }) => `「${title}」的价格已由 ¥${yuanText(seenFen)} 变为 ¥${yuanText(currentFen)}，请确认后再下单。`,
    deliveryUnavailable: ({ method }) => (method === "express" ? "本店暂不支持快递配送。" : "本店暂不支持到店自提。"),
    totalTooLarge: ({ maxFen }) => `订单金额超过单笔上限 ¥${yuanText(maxFen)}，请分开下单。`,
    notADish: ({ title }) => `「${title}」不是菜品，不能在桌台点。`,
    couponUnusable: ({ reason, thresholdFen, eligibleFen }) => `${couponUnusableMessage({ ok: false, reason, thresholdFen, eligibleFen }, "zh-CN")}请换一张券或不用券。`,
    pointsShort: () => "积分余额已变化，请重新确认抵扣后再下单。",
  },
  en: {
    emptyOrder: () => "The order has no items yet.",
    tooManyLines: ({ max }) => `An order can hold at most ${max} different items.`,
    quantityBounds: ({ line, min, max }) => `Item ${line + 1}: the quantity must be between ${min} and ${max}.`,
    invalidInput: ({ path }) => `The order is malformed (${path || "order"}). Please refresh and try again.`,
    itemGone: ({ line }) => `Item ${line + 1} is no longer available. Please remove it from the cart.`,
    notOrderable: ({ title }) => `"${title}" is booked, not ordered.`,
    skuGone: ({ title, options }) => `"${title}"${options.length ? ` in ${choice(options, " / ")}` : ""} is no longer offered. Please choose again.`,
    optionsInvalid: ({ title, problem, group, option }) => `"${title}": ${OPTION_PROBLEMS.en[problem](group ?? "", option ?? "")}. Please choose again.`,
    optionRequired: ({ title, group }) => `"${title}": please choose "${group}".`,
    soldOut: ({ title }) => `"${title}" is sold out.`,
    notEnoughStock: ({ title, options, left }) => {
      const what = options.length ? `"${title}" in ${choice(options, " / ")}` : `"${title}"`;
      return left === 0 ? `${what} is sold out.` : `Only ${left} left of ${what}. Please lower the quantity.`;
    },
    priceChanged: ({ title, seenFen, currentFen }) => `The price of "${title}" changed from ¥${yuanText(seenFen)} to ¥${yuanText(currentFen)}. Please check and order again.`,
    deliveryUnavailable: ({ method }) => (method === "express" ? "This store does not ship by express." : "This store does not offer pickup."),
    totalTooLarge: ({ maxFen }) => `The order is over the ¥${yuanText(maxFen)} limit for one payment. Please split it.`,
    notADish: ({ title }) => `"${title}" is not a dish: it cannot be ordered at a table.`,
    couponUnusable: ({ reason, thresholdFen, eligibleFen }) => `${couponUnusableMessage({ ok: false, reason, thresholdFen, eligibleFen }, "en")} Please choose another coupon or none.`,
    pointsShort: () => "Your points balance has changed: please check the points discount and order again.",
  },
};

export function orderRefusalMessage(refusal: OrderRefusal, locale: Locale = "zh-CN"): string {
  const words = WORDS[locale][refusal.code] as (refusal: OrderRefusal) => string;
  return words(refusal);
}
