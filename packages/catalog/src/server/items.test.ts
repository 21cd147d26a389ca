import type { Database } from "@kaidian/db";
import { testDatabase } from "@kaidian/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCategory, deleteCategory, listCategories, moveCategory, renameCategory } from "./categories";
import { CatalogError, CatalogInputError } from "./errors";
import { createItem, deleteItem, listItems, moveItem, readItem, setDishSoldOut, setItemVisible, updateItem } from "./items";
import { arrangeCatalogStore, itemInput } from "./testing";

let db: Database;
beforeAll(() => {
  db = testDatabase();
});
afterAll(() => db.disconnect());

const problemsOf = async (work: Promise<unknown>) => {
  const error = await work.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(CatalogInputError);
  return (error as CatalogInputError).problems.map((p) => [p.path.join("."), p.code]);
};
const codeOf = async (work: Promise<unknown>) => {
  const error = await work.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(CatalogError);
  return (error as CatalogError).code;
};

describe("items", () => {
  it("are created, read, updated and listed with their kind's details; an edited sample is the merchant's own", async () => {
    const { tenantId, userId, categories } = await arrangeCatalogStore(db, "room");
    const item = await db.scoped({ tenantId }, async (tx) => {
      const { id } = await createItem(tx, tenantId, "room", itemInput("room", { categoryId: categories[1]!, title: "湖景房", priceFen: 52800 }));
      await tx.catalogItem.update({ where: { tenantId_id: { tenantId, id } }, data: { sample: true } });
      await updateItem(tx, tenantId, "room", id, itemInput("room", { categoryId: null, title: "湖景大床房", priceFen: 56800, details: { capacity: 3 } }), { userId, revision: 0 });
      return readItem(tx, tenantId, id);
    });
    expect(item).toMatchObject({ kind: "room", title: "湖景大床房", priceFen: 56800, categoryId: null, visible: true, sample: false });
    expect(item.details).toEqual({ capacity: 3, bedType: "", areaSqm: 0, amenities: [], breakfast: false, rooms: 1, cancellation: { kind: "free", hoursBefore: 24 } });
  });

  it("refuses a price of -1 or \"abc\", and every other broken field, at its path, writing nothing", async () => {
    const { tenantId, userId, items } = await arrangeCatalogStore(db, "product");
    const from = { userId, revision: 0 };
    const before = await db.scoped({ tenantId }, (tx) => readItem(tx, tenantId, items[0]!));
    await db.scoped({ tenantId }, async (tx) => {
      expect(await problemsOf(updateItem(tx, tenantId, "product", items[0]!, itemInput("product", { priceFen: -1 }), from))).toEqual([["priceFen", "tooSmall"]]);
      expect(await problemsOf(updateItem(tx, tenantId, "product", items[0]!, { ...itemInput("product"), priceFen: "abc" }, from))).toEqual([["priceFen", "wholeNumber"]]);
      expect(
        await problemsOf(
          createItem(tx, tenantId, "product", itemInput("product", {
            title: "",
            images: ["http://example.com/a.png"],
            details: { specs: [], skus: [{ options: [], priceFen: 100, stock: -2 }] },
          })),
        ),
      ).toEqual([["title", "required"], ["images.0", "image"], ["details.skus.0.stock", "tooSmall"]]);
      expect(await problemsOf(createItem(tx, tenantId, "product", itemInput("dish")))).toEqual([["kind", "invalid"]]);
    });
    const after = await db.scoped({ tenantId }, async (tx) => ({ item: await readItem(tx, tenantId, items[0]!), count: await tx.catalogItem.count() }));
    expect(after).toEqual({ item: before, count: 2 });
  });

  it("refuses a direction override in a title or a one-line detail, as the form and the catalog action see it", async () => {
    const { tenantId, userId, items } = await arrangeCatalogStore(db, "dish");
    await db.scoped({ tenantId }, async (tx) => {
      expect(await problemsOf(createItem(tx, tenantId, "dish", itemInput("dish", { title: "\u202E面肉牛" })))).toEqual([["title", "direction"]]);
      const details = { optionGroups: [{ name: "辣度\u2066", required: true, options: [{ name: "微辣" }] }] };
      expect(await problemsOf(updateItem(tx, tenantId, "dish", items[0]!, itemInput("dish", { details }), { userId, revision: 0 }))).toEqual([
        ["details.optionGroups.0.name", "direction"],
      ]);
      expect(await problemsOf(createCategory(tx, tenantId, { name: "\u202D热菜" }))).toEqual([["name", "direction"]]);
    });
  });

  it("hide and show, toggle a dish sold out, delete, and move within their category", async () => {
    const { tenantId, userId, categories, items } = await arrangeCatalogStore(db, "dish");
    const listed = await db.scoped({ tenantId }, async (tx) => {
      const third = await createItem(tx, tenantId, "dish", itemInput("dish", { categoryId: categories[1]!, title: "第三" }));
      const fourth = await createItem(tx, tenantId, "dish", itemInput("dish", { categoryId: categories[0]!, title: "第四" }));
      await setItemVisible(tx, tenantId, items[0]!, false, userId);
      await setDishSoldOut(tx, tenantId, items[1]!, true, userId);
      await moveItem(tx, tenantId, fourth.id, "up");
      await moveItem(tx, tenantId, items[0]!, "up");
      await deleteItem(tx, tenantId, third.id);
      return listItems(tx, tenantId);
    });
    expect(listed.map(({ title, visible, soldOut, sample }) => ({ title, visible, soldOut, sample }))).toEqual([
      { title: "第一", visible: false, soldOut: false, sample: false },
      { title: "第四", visible: true, soldOut: false, sample: false },
      { title: "第二", visible: true, soldOut: true, sample: false },
    ]);
    const detail = await db.scoped({ tenantId }, (tx) => readItem(tx, tenantId, items[1]!));
    expect(detail.kind === "dish" && detail.details).toMatchObject({ soldOut: true, optionGroups: [{ name: "辣度" }] });
  });

  it("of another store are not found, and nothing of theirs changes", async () => {
    const mine = await arrangeCatalogStore(db, "product");
    const theirs = await arrangeCatalogStore(db, "product");
    const snapshot = () => db.scoped({ tenantId: theirs.tenantId }, (tx) => tx.catalogItem.findMany({ orderBy: { id: "asc" } }));
    const before = await snapshot();
    const [item, category] = [theirs.items[0]!, theirs.categories[0]!];
    await db.scoped({ tenantId: mine.tenantId }, async (tx) => {
      const t = mine.tenantId;
      const from = { userId: mine.userId, revision: 0 };
      expect(await codeOf(readItem(tx, t, item))).toBe("item.notFound");
      expect(await codeOf(updateItem(tx, t, "product", item, itemInput("product", { title: "改掉" }), from))).toBe("item.notFound");
      expect(await codeOf(deleteItem(tx, t, item))).toBe("item.notFound");
      expect(await codeOf(setItemVisible(tx, t, item, false, mine.userId))).toBe("item.notFound");
      expect(await codeOf(moveItem(tx, t, item, "down"))).toBe("item.notFound");
      expect(await codeOf(createItem(tx, t, "product", itemInput("product", { categoryId: category })))).toBe("category.notFound");
      expect(await codeOf(renameCategory(tx, t, category, { name: "改掉" }, from))).toBe("category.notFound");
      expect(await codeOf(deleteCategory(tx, t, category))).toBe("category.notFound");
      expect(await codeOf(readItem(tx, t, "not-a-uuid"))).toBe("item.notFound");
      // Naming the other store's tenant with this scope: row-level security hides its rows all the same.
      expect(await codeOf(readItem(tx, theirs.tenantId, item))).toBe("item.notFound");
      expect(await tx.catalogItem.updateMany({ where: { id: item }, data: { title: "改掉" } })).toEqual({ count: 0 });
    });
    expect(await snapshot()).toEqual(before);
  });
});

describe("categories", () => {
  it("are created last, renamed, moved, and deleted only when empty, with unique names", async () => {
    const { tenantId, userId, categories } = await arrangeCatalogStore(db, "product");
    await db.scoped({ tenantId }, async (tx) => {
      const drinks = await createCategory(tx, tenantId, { name: "  饮品 " });
      await renameCategory(tx, tenantId, categories[1]!, { name: "小食" }, { userId, revision: 0 });
      await moveCategory(tx, tenantId, drinks.id, "up");
      await moveCategory(tx, tenantId, categories[0]!, "up");
      expect(await codeOf(createCategory(tx, tenantId, { name: "饮品" }))).toBe("category.taken");
      expect(await codeOf(renameCategory(tx, tenantId, categories[1]!, { name: "招牌" }, { userId, revision: 1 }))).toBe("category.taken");
      expect(await problemsOf(createCategory(tx, tenantId, { name: "   " }))).toEqual([["name", "required"]]);
      expect(await problemsOf(createCategory(tx, tenantId, { name: "很".repeat(21) }))).toEqual([["name", "tooLong"]]);
      const error = await deleteCategory(tx, tenantId, categories[0]!).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: "category.notEmpty", params: { count: 2 } });
      await deleteCategory(tx, tenantId, drinks.id);
      expect((await listCategories(tx, tenantId)).map(({ name, itemCount }) => [name, itemCount])).toEqual([["招牌", 2], ["小食", 0]]);
    });
  });
});
