// SKU stock, where the catalog keeps it: each product SKU's `stock` inside catalog_items.details. A reservation is
// ONE conditional UPDATE that takes the quantity only while enough is left, so no interleaving of orders can sell
// more than there is. It leaves the item's `revision` alone: a merchant editing the item meanwhile is not refused
// because a shopper bought something (the item save keeps counts it did not change; see catalog's items.ts).
import type { Transaction } from "@kaidian/db";

export type StockLine = { itemId: string; skuOptions: readonly string[]; quantity: number };

export type Reservation = { ok: true } | { ok: false; left: number };

/**
 * Takes `quantity` from the SKU's stock. Refused with what is left (0 for a SKU or item that is gone or hidden).
 * The SKU's position is looked up and then re-checked in the UPDATE's own condition, which PostgreSQL re-evaluates
 * on the newest row version, so a concurrent reorder of SKUs can only make it miss, never take the wrong one.
 */
export async function reserveStock(tx: Transaction, line: StockLine): Promise<Reservation> {
  const options = JSON.stringify(line.skuOptions);
  const taken = await tx.$queryRaw<{ left: number }[]>`
    UPDATE catalog_items c
    SET details = jsonb_set(c.details, ARRAY['skus', sku.i::text, 'stock'], to_jsonb((c.details #>> ARRAY['skus', sku.i::text, 'stock'])::int - ${line.quantity}::int))
    FROM (
      SELECT (ord - 1) AS i FROM catalog_items item, jsonb_array_elements(item.details -> 'skus') WITH ORDINALITY AS skus(value, ord)
      WHERE item.id = ${line.itemId}::uuid AND skus.value -> 'options' = ${options}::jsonb
    ) sku
    WHERE c.id = ${line.itemId}::uuid AND c.kind = 'PRODUCT' AND c.visible
      AND c.details -> 'skus' -> sku.i::int -> 'options' = ${options}::jsonb
      AND (c.details #>> ARRAY['skus', sku.i::text, 'stock'])::int >= ${line.quantity}::int
    RETURNING (c.details #>> ARRAY['skus', sku.i::text, 'stock'])::int AS "left"`;
  if (taken.length > 0) return { ok: true };
  return { ok: false, left: await stockLeft(tx, line) };
}

/** Puts `quantity` back (a cancelled or expired order, a refund the merchant restocks). A SKU since removed is skipped. */
export async function releaseStock(tx: Transaction, line: StockLine): Promise<void> {
  const options = JSON.stringify(line.skuOptions);
  await tx.$executeRaw`
    UPDATE catalog_items c
    SET details = jsonb_set(c.details, ARRAY['skus', sku.i::text, 'stock'], to_jsonb(LEAST((c.details #>> ARRAY['skus', sku.i::text, 'stock'])::int + ${line.quantity}::int, 999999)))
    FROM (
      SELECT (ord - 1) AS i FROM catalog_items item, jsonb_array_elements(item.details -> 'skus') WITH ORDINALITY AS skus(value, ord)
      WHERE item.id = ${line.itemId}::uuid AND skus.value -> 'options' = ${options}::jsonb
    ) sku
    WHERE c.id = ${line.itemId}::uuid AND c.details -> 'skus' -> sku.i::int -> 'options' = ${options}::jsonb`;
}

/** The SKU's count now; 0 when the item or SKU is gone or hidden. */
export async function stockLeft(tx: Transaction, line: Omit<StockLine, "quantity">): Promise<number> {
  const rows = await tx.$queryRaw<{ stock: number }[]>`
    SELECT (skus.value ->> 'stock')::int AS stock
    FROM catalog_items item, jsonb_array_elements(item.details -> 'skus') AS skus(value)
    WHERE item.id = ${line.itemId}::uuid AND item.visible AND skus.value -> 'options' = ${JSON.stringify(line.skuOptions)}::jsonb`;
  return rows[0]?.stock ?? 0;
}
