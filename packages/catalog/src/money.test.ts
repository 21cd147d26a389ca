import { describe, expect, it } from "vitest";
import { formatYuan, parseYuan, yuanSchema } from "./money";

describe("prices typed in yuan", () => {
  it.each([
    ["12.50", 1250], ["12.5", 1250], ["8", 800], ["0.29", 29], ["0.07", 7], ["¥ 3.10", 310], ["￥99", 9900], [" 007.00 ", 700],
    ["10000000", 1_000_000_000], ["0", 0],
  ])("reads %j as %i fen exactly", (text, fen) => {
    expect(parseYuan(text)).toEqual({ ok: true, fen });
  });

  it.each([
    ["", "price.required"], ["   ", "price.required"], ["-1", "price.negative"], ["-0.5", "price.negative"], ["abc", "price.format"],
    ["1,000", "price.format"], ["1e3", "price.format"], [".5", "price.format"], ["12.", "price.format"], ["12.345", "price.decimals"],
    ["10000000.01", "price.tooBig"], ["123456789", "price.tooBig"], ["99999999999999999999", "price.tooBig"],
  ])("refuses %j as %s", (text, problem) => {
    expect(parseYuan(text)).toEqual({ ok: false, problem });
  });

  it.each([
    ["１２", 1200], ["１２．５", 1250], ["１２。５", 1250], ["￥　８", 800], ["０．２９", 29],
  ])("reads %j typed full-width on a Chinese keyboard as %i fen", (text, fen) => {
    expect(parseYuan(text)).toEqual({ ok: true, fen });
  });

  it("reads back what it formats", () => {
    for (const fen of [0, 1, 29, 100, 1250, 999_999_999]) expect(parseYuan(formatYuan(fen))).toEqual({ ok: true, fen });
  });

  it("refuses in a schema with the problem as the message", () => {
    const result = yuanSchema.safeParse("-1");
    expect(result.error?.issues[0]?.message).toBe("price.negative");
    expect(yuanSchema.parse("1.5")).toBe(150);
  });
});
