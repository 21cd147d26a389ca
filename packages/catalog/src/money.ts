import { z } from "zod";
import { halfWidthNumber } from "./text";

const MAX_FEN = 1_000_000_000;

/** A price in fen (1/100 yuan), so money is never a float. Ten million yuan is far above any small-shop price. */
export const priceFenSchema = z.int().min(0).max(MAX_FEN);

export function formatYuan(fen: number): string {
  return (fen / 100).toFixed(fen % 100 === 0 ? 0 : 2);
}

export const YUAN_PROBLEMS = ["price.required", "price.format", "price.negative", "price.decimals", "price.tooBig"] as const;
export type YuanProblem = (typeof YUAN_PROBLEMS)[number];

export type YuanParse = { ok: true; fen: number } | { ok: false; problem: YuanProblem };

/**
 * A price the merchant typed in yuan ("12.50", "¥12.5", "8") as fen. The digits are read as text, never through a
 * float, so "0.29" is 29 fen exactly.
 */
export function parseYuan(text: string): YuanParse {
  const value = halfWidthNumber(text).trim().replace(/^[¥￥]\s*/, "");
  if (value === "") return { ok: false, problem: "price.required" };
  if (/^-\s*\d/.test(value)) return { ok: false, problem: "price.negative" };
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) return { ok: false, problem: "price.format" };
  const [, whole = "", fraction = ""] = match;
  if (fraction.length > 2) return { ok: false, problem: "price.decimals" };
  const digits = whole.replace(/^0+(?=\d)/, "");
  // More than 8 digits of yuan is beyond the limit whatever they are, and beyond exact integer arithmetic soon after.
  if (digits.length > 8) return { ok: false, problem: "price.tooBig" };
  const fen = Number(digits) * 100 + Number(fraction.padEnd(2, "0"));
  if (fen > MAX_FEN) return { ok: false, problem: "price.tooBig" };
  return { ok: true, fen };
}

/** A yuan text field read as fen; a refusal's message is its problem code. */
export const yuanSchema = z.string().transform((text, context) => {
  const parsed = parseYuan(text);
  if (parsed.ok) return parsed.fen;
  context.addIssue({ code: "custom", message: parsed.problem });
  return z.NEVER;
});
