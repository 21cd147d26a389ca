// The dashboard's item list: pages of a fixed size, a search in titles, a category filter; and moves that trade
// places with the neighbour instead of renumbering the store.
import type { Database } from "@kaidian/db";
import { testDatabase } from "@kaidian/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCategory } from "./categories";
import { createItem, ITEM_LIST_PAGE_SIZE, listItems, listItemsPage, moveItem } from "./items";
import { arrangeCatalogStore, itemInput } from "./testing";

let db: Database;
beforeAll(() => {
  db = testDatabase();
});
afterAll(() => db.disconnect());

describe("the dashboard's item list", () => {
  it("pages through every item once, grouped by category in order, and searches and filters", async () => {
    const { tenantId, categories } = await arrangeCatalogStore(db, "product");
    const titles = await db.scoped({ tenantId }, async (tx) => {
      const drinks = await createCategory(tx, tenantId, { name: "饮品" });
      // Created after the first category's two items, but listed between them and the uncategorised ones.
      for (let index = 0; index < ITEM_LIST_PAGE_SIZE; index++) {
        await createItem(tx, tenantId, "product", itemInput("product", { categoryId: index % 2 ? drinks.id : null, title: `Latte ${index}` }));
      }
      await createItem(tx, tenantId, "product", itemInput("product", { categoryId: categories[0]!, title: "第三" }));
      return (await listItems(tx, tenantId)).length;
    });
    expect(titles).toBe(ITEM_LIST_PAGE_SIZE + 3);

    const pages = await db.scoped({ tenantId }, async (tx) => [
      await listItemsPage(tx, tenantId, { page: "1" }),
      await listItemsPage(tx, tenantId, { page: "2" }),
      await listItemsPage(tx, tenantId, { page: "99" }),
    ]);
    expect(pages.map(({ items, matching, page, pageCount }) => [items.length, matching, page, pageCount])).toEqual([
      [ITEM_LIST_PAGE_SIZE, ITEM_LIST_PAGE_SIZE + 3, 1, 2],
      [3, ITEM_LIST_PAGE_SIZE + 3, 2, 2],
      [3, ITEM_LIST_PAGE_SIZE + 3, 2, 2],
    ]);
    const all = [...pages[0]!.items, ...pages[1]!.items];
    expect(new Set(all.map((item) => item.id)).size).toBe(ITEM_LIST_PAGE_SIZE + 3);
    expect(all.slice(0, 4).map((item) => item.title)).toEqual(["第一", "第二", "第三", "Latte 1"]);
    expect(all.at(-1)!.categoryId).toBeNull();

    const found = await db.scoped({ tenantId }, async (tx) => ({
      search: await listItemsPage(tx, tenantId, { q: "  latte 4 " }),
      category: await listItemsPage(tx, tenantId, { category: categories[0] }),
      none: await listItemsPage(tx, tenantId, { category: "none", q: "Latte 1" }),
      junk: await listItemsPage(tx, tenantId, { page: "-3", category: "not-a-uuid", q: "x".repeat(41) }),
    }));
    expect(found.search.items.map((item) => item.title)).toEqual(["Latte 41", "Latte 43", "Latte 45", "Latte 47", "Latte 49", "Latte 4", "Latte 40", "Latte 42", "Latte 44", "Latte 46", "Latte 48"]);
    expect(found.category.items.map((item) => item.title)).toEqual(["第一", "第二", "第三"]);
    expect(found.none.items.map((item) => item.title)).toEqual(["Latte 10", "Latte 12", "Latte 14", "Latte 16", "Latte 18"]);
    expect(found.junk).toMatchObject({ page: 1, matching: ITEM_LIST_PAGE_SIZE + 3 });
  });

  it("moves an item past its category neighbour by trading their two positions, leaving every other row alone", async () => {
    const { tenantId, categories, items } = await arrangeCatalogStore(db, "product");
    const rows = () => db.scoped({ tenantId }, (tx) => tx.catalogItem.findMany({ select: { id: true, title: true, position: true, updatedAt: true } }));
    const third = await db.scoped({ tenantId }, async (tx) => {
      const others = [];
      for (let index = 0; index < 20; index++) others.push(await createItem(tx, tenantId, "product", itemInput("product", { categoryId: categories[1]!, title: `其他 ${index}` })));
      return createItem(tx, tenantId, "product", itemInput("product", { categoryId: categories[0]!, title: "第三" }));
    });
    const before = await rows();
    await db.scoped({ tenantId }, (tx) => moveItem(tx, tenantId, third.id, "up"));
    const after = await rows();
    const changed = after.filter((row) => {
      const old = before.find((candidate) => candidate.id === row.id)!;
      return old.position !== row.position || old.updatedAt.getTime() !== row.updatedAt.getTime();
    });
    expect(changed.map((row) => row.title).sort()).toEqual(["第三", "第二"]);
    const listed = await db.scoped({ tenantId }, (tx) => listItemsPage(tx, tenantId, { category: categories[0] }));
    expect(listed.items.map((item) => item.id)).toEqual([items[0], third.id, items[1]]);
  });

  it("still moves items that share a position, as rows written together once did", async () => {
    const { tenantId, categories, items } = await arrangeCatalogStore(db, "product");
    await db.scoped({ tenantId }, (tx) => tx.catalogItem.updateMany({ data: { position: 0 } }));
    await db.scoped({ tenantId }, (tx) => moveItem(tx, tenantId, items[1]!, "up"));
    const listed = await db.scoped({ tenantId }, (tx) => listItemsPage(tx, tenantId, { category: categories[0] }));
    expect(listed.items.map((item) => item.id)).toEqual([items[1], items[0]]);
  });
});
