// The catalog package speaks lowercase kinds; the database enum is uppercase.
import type { CatalogItemKind } from "@kaidian/db";
import type { ItemKind } from "../items";

export const kindToDatabase = { product: "PRODUCT", room: "ROOM", dish: "DISH" } as const satisfies Record<ItemKind, CatalogItemKind>;

export const kindFromDatabase = { PRODUCT: "product", ROOM: "room", DISH: "dish" } as const satisfies Record<CatalogItemKind, ItemKind>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Category and item ids are UUIDs; anything else matches no row (PostgreSQL would refuse it in a query). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
