import { z } from "zod";

/** A price in fen (1/100 yuan), so money is never a float. Ten million yuan is far above any small-shop price. */
export const priceFenSchema = z.int().min(0).max(1_000_000_000);

export function formatYuan(fen: number): string {
  return (fen / 100).toFixed(fen % 100 === 0 ? 0 : 2);
}
