// A shopper's cart, kept on the server so it survives a reinstall and follows the shopper to another phone. A line
// is one choice of an item (item, SKU, dish options); the same choice twice is one line with the quantities added.
// Nothing in a cart is trusted: ordering prices it afresh (place-order.ts).
import { createHash } from "node:crypto";
import type { Prisma, Transaction } from "@kaidian/db";
import { z } from "zod";
import { MAX_LINE_QUANTITY, MAX_ORDER_LINES, orderLineInputSchema } from "../request";

/** A cart line as the phone sends it: the order request's own line (one schema), its item id a UUID. */
export const cartLineInputSchema = orderLineInputSchema.extend({ itemId: z.uuid() });
export const cartInputSchema = z.object({ lines: z.array(cartLineInputSchema).max(MAX_ORDER_LINES) });
export type CartLineInput = z.infer<typeof cartLineInputSchema>;
export type CartLine = CartLineInput & { key: string };
export type Cart = { lines: CartLine[] };

/** The same choice gives the same key whatever order the phone listed the dish options in. */
export function cartLineKey(line: Pick<CartLineInput, "itemId" | "skuOptions" | "dishOptions">): string {
  const dish = [...line.dishOptions].map(({ group, options }) => [group, [...options].sort()] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash("sha256").update(JSON.stringify([line.itemId, line.skuOptions, dish])).digest("base64url").slice(0, 22);
}

/** Lines of one choice added together, capped at the most one line may hold. */
function combined(lines: readonly CartLineInput[]): CartLine[] {
  const byKey = new Map<string, CartLine>();
  for (const line of lines) {
    const key = cartLineKey(line);
    const seen = byKey.get(key);
    if (seen) {
      seen.quantity = Math.min(MAX_LINE_QUANTITY, seen.quantity + line.quantity);
      seen.seenUnitPriceFen = line.seenUnitPriceFen;
    } else byKey.set(key, { ...line, key });
  }
  return [...byKey.values()];
}

export async function readCart(tx: Transaction, tenantId: string, shopperId: string): Promise<Cart> {
  const rows = await tx.cartLine.findMany({ where: { tenantId, shopperId }, orderBy: [{ updatedAt: "asc" }, { lineKey: "asc" }] });
  return {
    lines: rows.map((row) => ({
      key: row.lineKey,
      itemId: row.itemId,
      skuOptions: row.skuOptions as string[],
      dishOptions: row.dishOptions as CartLine["dishOptions"],
      quantity: row.quantity,
      seenUnitPriceFen: row.seenUnitPriceFen,
    })),
  };
}

const row = (tenantId: string, shopperId: string, line: CartLine, at: Date) => ({
  tenantId,
  shopperId,
  lineKey: line.key,
  itemId: line.itemId,
  skuOptions: line.skuOptions as Prisma.InputJsonArray,
  dishOptions: line.dishOptions as Prisma.InputJsonArray,
  quantity: line.quantity,
  seenUnitPriceFen: line.seenUnitPriceFen,
  updatedAt: at,
});

/** Replaces the cart with these lines (none: empties it). */
export async function replaceCart(tx: Transaction, tenantId: string, shopperId: string, lines: readonly CartLineInput[]): Promise<Cart> {
  await tx.cartLine.deleteMany({ where: { tenantId, shopperId } });
  // A millisecond apart, so the cart reads back in the order the shopper built it.
  const at = Date.now();
  await tx.cartLine.createMany({ data: combined(lines).map((line, index) => row(tenantId, shopperId, line, new Date(at + index))) });
  return readCart(tx, tenantId, shopperId);
}

/**
 * Adds a cart built before login to the shopper's: the same choice adds up (capped), one conditional upsert per
 * line, so two phones merging at once both count.
 */
export async function mergeCart(tx: Transaction, tenantId: string, shopperId: string, lines: readonly CartLineInput[]): Promise<Cart> {
  for (const line of combined(lines)) {
    await tx.$executeRaw`
      INSERT INTO cart_lines AS c (tenant_id, shopper_id, line_key, item_id, sku_options, dish_options, quantity, seen_unit_price_fen, updated_at)
      VALUES (${tenantId}::uuid, ${shopperId}::uuid, ${line.key}, ${line.itemId}::uuid, ${JSON.stringify(line.skuOptions)}::jsonb,
        ${JSON.stringify(line.dishOptions)}::jsonb, ${line.quantity}, ${line.seenUnitPriceFen}, now())
      ON CONFLICT (tenant_id, shopper_id, line_key) DO UPDATE
      SET quantity = LEAST(${MAX_LINE_QUANTITY}, c.quantity + EXCLUDED.quantity), seen_unit_price_fen = EXCLUDED.seen_unit_price_fen, updated_at = now()`;
  }
  return readCart(tx, tenantId, shopperId);
}
