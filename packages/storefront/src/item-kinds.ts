// The API speaks the catalog package's lowercase kinds; the database enum is uppercase.
import type { ItemKind } from "@kaidian/catalog";
import type { CatalogItemKind } from "@kaidian/db";

export const kindToDatabase = { product: "PRODUCT", room: "ROOM", dish: "DISH" } as const satisfies Record<ItemKind, CatalogItemKind>;

export const kindFromDatabase = { PRODUCT: "product", ROOM: "room", DISH: "dish" } as const satisfies Record<CatalogItemKind, ItemKind>;
