import { describe, expect, it } from "vitest";
import { productDetailsSchema } from "./items";
import { freshSku, skuMatrix, specCombinations } from "./skus";

const colour = { name: "颜色", options: ["红", "蓝"] };
const size = { name: "尺码", options: ["S", "M", "L"] };

describe("the SKU table", () => {
  it("has one SKU per combination of the specs' options, first spec slowest", () => {
    expect(specCombinations([colour, size])).toEqual([["红", "S"], ["红", "M"], ["红", "L"], ["蓝", "S"], ["蓝", "M"], ["蓝", "L"]]);
    expect(specCombinations([])).toEqual([]);
  });

  it("starts new combinations at the item's price with no stock", () => {
    expect(skuMatrix([colour], [], freshSku(1999))).toEqual([
      { options: ["红"], priceFen: 1999, stock: 0 },
      { options: ["蓝"], priceFen: 1999, stock: 0 },
    ]);
  });

  it("keeps the price and stock of combinations that survive a change of specs, and drops the others", () => {
    const before = skuMatrix([colour], [], freshSku(1000)).map((sku, index) => ({ ...sku, priceFen: 1000 + index, stock: 10 + index }));
    const after = skuMatrix([{ ...colour, options: ["蓝", "绿"] }], before, freshSku(500));
    expect(after).toEqual([
      { options: ["蓝"], priceFen: 1001, stock: 11 },
      { options: ["绿"], priceFen: 500, stock: 0 },
    ]);
    expect(productDetailsSchema.parse({ specs: [colour, size], skus: skuMatrix([colour, size], after, freshSku(500)) }).skus).toHaveLength(6);
  });

  it("is empty without specs", () => {
    expect(skuMatrix([], [{ options: ["红"], priceFen: 1, stock: 1 }], freshSku(1))).toEqual([]);
  });
});
