// The store's item limit: refused with a code the dashboard words, at the item form and at import, never later;
// and held when two saves race for the last place.
import type { Database, Transaction } from "@kaidian/db";
import { testDatabase } from "@kaidian/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_STORE_ITEMS } from "../items";
import { importCatalogCsv } from "./csv";
import { CatalogError, CsvImportError } from "./errors";
import { countItems, createItem } from "./items";
import { arrangeCatalogStore, itemInput } from "./testing";

let db: Database;
beforeAll(() => {
  db = testDatabase();
});
afterAll(() => db.disconnect());

/** A store of `kind` holding `count` items (its two arranged ones included), written in one statement. */
async function storeWith(kind: "product" | "dish", count: number) {
  const store = await arrangeCatalogStore(db, kind);
  // In chunks, each its own transaction: one statement of 10,000 rows can outlast a transaction's limit under load.
  const missing = count - store.items.length;
  for (let from = 0; from < missing; from += 1000) {
    await db.scoped({ tenantId: store.tenantId }, (tx) => fill(tx, store.tenantId, kind, from, Math.min(missing, from + 1000)));
  }
  return store;
}

function fill(tx: Transaction, tenantId: string, kind: "product" | "dish", from: number, to: number) {
  const data = Array.from({ length: to - from }, (_, offset) => ({
    tenantId, kind: kind === "product" ? ("PRODUCT" as const) : ("DISH" as const), title: `批量 ${from + offset}`, priceFen: 100, position: 10 + from + offset,
  }));
  return tx.catalogItem.createMany({ data });
}

const count = (tenantId: string) => db.scoped({ tenantId }, (tx) => countItems(tx, tenantId));

describe("the item limit", () => {
  it(`lets a store reach ${MAX_STORE_ITEMS} items and refuses the next one with item.limit`, async () => {
    const { tenantId } = await storeWith("product", MAX_STORE_ITEMS - 1);
    await db.scoped({ tenantId }, (tx) => createItem(tx, tenantId, "product", itemInput("product", { title: "最后一件" })));
    expect(await count(tenantId)).toBe(MAX_STORE_ITEMS);
    const error = await db
      .scoped({ tenantId }, (tx) => createItem(tx, tenantId, "product", itemInput("product", { title: "多一件" })))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CatalogError);
    expect(error).toMatchObject({ code: "item.limit", params: { max: MAX_STORE_ITEMS } });
    expect(await count(tenantId)).toBe(MAX_STORE_ITEMS);
  }, 120_000);

  it("holds when two saves race for the last place: one is created, the other refused", async () => {
    const { tenantId } = await storeWith("product", MAX_STORE_ITEMS - 1);
    const save = (title: string) =>
      db.scoped({ tenantId }, (tx) => createItem(tx, tenantId, "product", itemInput("product", { title }))).then(
        () => "created",
        (error: unknown) => (error instanceof CatalogError ? error.code : error),
      );
    expect((await Promise.all([save("甲"), save("乙")])).sort()).toEqual(["created", "item.limit"]);
    expect(await count(tenantId)).toBe(MAX_STORE_ITEMS);
  }, 120_000);

  it("refuses an import that would pass it, naming the first row that does not fit, and writes nothing", async () => {
    const { tenantId, userId: ownerId } = await storeWith("dish", MAX_STORE_ITEMS - 2);
    const csv = "名称,价格（元）\n豆花,5\n凉面,8\n冰粉,6\n";
    const error = await db.scoped({ tenantId }, (tx) => importCatalogCsv(tx, tenantId, "dish", csv, ownerId)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CsvImportError);
    expect((error as CsvImportError).problems).toEqual([{ line: 4, column: "", code: "itemLimit", params: { max: MAX_STORE_ITEMS, room: 2 } }]);
    expect(await count(tenantId)).toBe(MAX_STORE_ITEMS - 2);

    const fits = await db.scoped({ tenantId }, (tx) => importCatalogCsv(tx, tenantId, "dish", "名称,价格（元）\n豆花,5\n凉面,8\n", ownerId));
    expect(fits).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(await count(tenantId)).toBe(MAX_STORE_ITEMS);
  }, 120_000);
});
