// A coupon row as the domain reads it. The columns spell out the schema's unions so the claim's SQL can read the
// validity and counters; this file is the one place that turns a row back into the schema's shape.
import type { CouponDiscount, CouponInput, CouponScope, CouponTerms, CouponValidity } from "../index";
import { datesWindow, shanghaiDate } from "../index";

/** The columns of `coupons` that say what a coupon is (snake_case, as SQL returns them). */
export type CouponTermsRow = {
  name: string;
  kind: string;
  amount_fen: number;
  percent_off: number;
  threshold_fen: number;
  category_ids: string[];
  item_ids: string[];
};

export function termsOfRow(row: CouponTermsRow): CouponTerms {
  const discount: CouponDiscount = row.kind === "percent" ? { kind: "percent", percentOff: row.percent_off } : { kind: "amount", amountFen: row.amount_fen };
  const scope: CouponScope =
    row.category_ids.length + row.item_ids.length === 0 ? { kind: "all" } : { kind: "chosen", categoryIds: row.category_ids, itemIds: row.item_ids };
  return { name: row.name, discount, thresholdFen: row.threshold_fen, scope };
}

export function validityOfRow(row: { validity: string; valid_from: Date | null; valid_until: Date | null; valid_days: number | null }): CouponValidity {
  if (row.validity === "days") return { kind: "days", days: row.valid_days ?? 1 };
  // valid_until is the start of the day after the last one.
  return { kind: "dates", from: shanghaiDate(row.valid_from!), until: shanghaiDate(new Date(row.valid_until!.getTime() - 1)) };
}

/** The columns a new coupon is written with. */
export function rowOfInput(input: CouponInput) {
  const window = input.validity.kind === "dates" ? datesWindow(input.validity) : null;
  return {
    name: input.name,
    kind: input.discount.kind,
    amountFen: input.discount.kind === "amount" ? input.discount.amountFen : 0,
    percentOff: input.discount.kind === "percent" ? input.discount.percentOff : 0,
    thresholdFen: input.thresholdFen,
    validity: input.validity.kind,
    validFrom: window?.from ?? null,
    validUntil: window?.until ?? null,
    validDays: input.validity.kind === "days" ? input.validity.days : null,
    totalQuantity: input.totalQuantity,
    perShopperLimit: input.perShopperLimit,
    categoryIds: input.scope.kind === "chosen" ? input.scope.categoryIds : [],
    itemIds: input.scope.kind === "chosen" ? input.scope.itemIds : [],
  };
}
