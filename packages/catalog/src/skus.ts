import type { Sku, Spec } from "./items";

const key = (options: readonly string[]) => options.join("\u0000");

/** Every combination of the specs' options, in the order a shopper reads them (first spec slowest). */
export function specCombinations(specs: readonly Pick<Spec, "options">[]): string[][] {
  if (specs.length === 0) return [];
  return specs.reduce<string[][]>((combinations, spec) => combinations.flatMap((prefix) => spec.options.map((option) => [...prefix, option])), [[]]);
}

/**
 * The SKU table for these specs: one row per combination. A combination that already had a row keeps it (its
 * price and stock), so renaming or adding one option never wipes what the merchant entered for the others; a new
 * combination gets `fresh(options)`. Rows are SKUs, or the form's rows of typed text.
 */
export function skuMatrix<Row extends { options: readonly string[] }>(
  specs: readonly Pick<Spec, "options">[],
  existing: readonly Row[],
  fresh: (options: string[]) => Row,
): Row[] {
  const byOptions = new Map(existing.map((row) => [key(row.options), row]));
  return specCombinations(specs).map((options) => {
    const kept = byOptions.get(key(options));
    return kept ? { ...kept, options } : fresh(options);
  });
}

/** A new SKU at the item's price with no stock. */
export const freshSku = (priceFen: number) => (options: string[]): Sku => ({ options, priceFen, stock: 0 });
