import { itemEditSchema } from "@kaidian/catalog";
import { describe, expect, it } from "vitest";
import { draftOf, splitList, toItemInput, withSkus } from "./item-draft";

describe("the item form's draft", () => {
  it("splits typed lists on either comma and the enumeration comma", () => {
    expect(splitList(" 红, 蓝，白、 黑 ,,")).toEqual(["红", "蓝", "白", "黑"]);
  });

  it("keeps typed SKU rows whose combination remains when the specs change", () => {
    let draft = withSkus({ ...draftOf(null), price: "10", specs: [{ name: "颜色", options: "红、蓝" }] });
    draft = { ...draft, skus: draft.skus.map((sku) => (sku.options[0] === "蓝" ? { ...sku, price: "12.5", stock: "7" } : sku)) };
    const next = withSkus({ ...draft, specs: [{ name: "颜色", options: "蓝、绿" }] });
    expect(next.skus).toEqual([
      { options: ["蓝"], price: "12.5", stock: "7" },
      { options: ["绿"], price: "10", stock: "0" },
    ]);
  });

  it("reads prices as exact fen and reports the unreadable ones at their field", () => {
    const draft = withSkus({ ...draftOf(null), title: "杯子", price: "abc", specs: [{ name: "尺寸", options: "大" }] });
    const typed = { ...draft, skus: [{ ...draft.skus[0]!, price: "-1", stock: "3" }] };
    expect(toItemInput("product", typed).problems).toEqual([
      { path: ["priceFen"], code: "price.format" },
      { path: ["details", "skus", 0, "priceFen"], code: "price.negative" },
    ]);
    const { input, problems } = toItemInput("product", { ...typed, price: "0.29", skus: [{ ...typed.skus[0]!, price: "19.90" }] });
    expect(problems).toEqual([]);
    expect(itemEditSchema.parse(input)).toMatchObject({ priceFen: 29, details: { skus: [{ options: ["大"], priceFen: 1990, stock: 3 }] } });
  });

  it("round-trips a room and a dish through the form unchanged", () => {
    const room = itemEditSchema.parse({
      kind: "room", categoryId: null, title: "湖景房", priceFen: 52800,
      details: { capacity: 2, amenities: ["湖景", "浴缸"], rooms: 4, cancellation: { kind: "free", hoursBefore: 48 } },
    });
    expect(itemEditSchema.parse(toItemInput("room", draftOf({ ...room, id: "r" })).input)).toEqual(room);
    const dish = itemEditSchema.parse({
      kind: "dish", categoryId: null, title: "面", priceFen: 1800,
      details: { soldOut: true, optionGroups: [{ name: "辣度", required: true, options: [{ name: "微辣" }, { name: "特辣", extraFen: 150 }] }] },
    });
    expect(itemEditSchema.parse(toItemInput("dish", draftOf({ ...dish, id: "d" })).input)).toEqual(dish);
  });

  it("round-trips a partly refundable room, and refuses a refund share outside 1-99 at its path", () => {
    const room = itemEditSchema.parse({ kind: "room", categoryId: null, title: "半退房", priceFen: 30000, details: { capacity: 2, cancellation: { kind: "partial", percent: 60 } } });
    expect(itemEditSchema.parse(toItemInput("room", draftOf({ ...room, id: "r" })).input)).toEqual(room);
    const draft = { ...draftOf(null), title: "房", price: "100", cancellation: "partial" as const, refundPercent: "100" };
    expect(itemEditSchema.safeParse(toItemInput("room", draft).input).error?.issues.map((issue) => issue.path.join("."))).toEqual(["details.cancellation.percent"]);
  });

  it("refuses a room's empty or fractional numbers through the item schema", () => {
    const draft = { ...draftOf(null), title: "房", price: "100", capacity: "", rooms: "1.5" };
    const result = itemEditSchema.safeParse(toItemInput("room", draft).input);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual(["details.capacity", "details.rooms"]);
  });
});
