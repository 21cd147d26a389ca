import type { Sku, Spec } from "./items";

const key = (options: readonly string[]) => options.join("\u0000");

/** Every combination of the specs' options, in the order a shopper reads them (first spec slowest). */
export function specCombinations(specs: readonly Spec[]): string[][] {
  if (specs.length === 0) return [];
  return specs.reduce<string[][]>((combinations, spec) => combinations.flatMap((prefix) => spec.options.map((option) => [...prefix, option])), [[]]);
}

/**
 * The SKU table for these specs: one SKU per combination. A combination that already had a SKU keeps its price
 * and stock, so renaming or adding one option never wipes what the merchant entered for the others; a new one
 * starts at the item's price with no stock.
 */
export function skuMatrix(specs: readonly Spec[], existing: readonly Sku[], startingPriceFen: number): Sku[] {
  const byOptions = new Map(existing.map((sku) => [key(sku.options), sku]));
  return specCombinations(specs).map((options) => {
    const kept = byOptions.get(key(options));
    return { options, priceFen: kept?.priceFen ?? startingPriceFen, stock: kept?.stock ?? 0 };
  });
}
