import { randomUUID } from "node:crypto";
import type { Database } from "@kaidian/db";
import { testDatabase } from "@kaidian/db/testing";
import { templates } from "@kaidian/templates";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogResponseSchema, loadCatalog, loadShopperStore, pageOf } from "./index";
import { arrangeStore } from "./testing";

let db: Database;
beforeAll(() => {
  db = testDatabase();
});
afterAll(() => db.disconnect());

const firstItem = (tenantId: string) =>
  db.scoped({ tenantId }, (tx) => tx.catalogItem.findFirstOrThrow({ orderBy: { position: "asc" }, select: { id: true, categoryId: true } }));

describe("the catalog", () => {
  it("is the store's categories and visible items, kinds in lowercase, in the merchant's order", async () => {
    const tenantId = await arrangeStore(db, { name: "咖啡", templateId: "ecommerce" });
    const hidden = await firstItem(tenantId);
    await db.scoped({ tenantId }, (tx) => tx.catalogItem.update({ where: { tenantId_id: { tenantId, id: hidden.id } }, data: { visible: false } }));

    const { catalog, skipped } = await loadCatalog(db, tenantId);
    const sample = templates.ecommerce.sample.catalog;
    expect(skipped).toEqual([]);
    expect(catalogResponseSchema.parse(catalog)).toEqual(catalog);
    expect(catalog.categories.map((c) => c.name)).toEqual(sample.categories.map((c) => c.name));
    expect(catalog.items.map((i) => i.title)).toEqual(sample.items.slice(1).map((i) => i.title));
    expect(new Set(catalog.items.map((i) => i.kind))).toEqual(new Set(["product"]));
    expect(catalog.items.map((i) => i.id)).not.toContain(hidden.id);
  });

  it("never includes another store's rows, even when asked for them by id", async () => {
    const mine = await arrangeStore(db, { name: "我的店", templateId: "restaurant", publish: true });
    const theirs = await arrangeStore(db, { name: "别人的店", templateId: "restaurant", publish: true });
    const their = await firstItem(theirs);

    const own = await db.scoped({ tenantId: mine }, (tx) => tx.catalogItem.findMany({ where: { visible: true }, select: { id: true } }));
    const { catalog } = (await loadShopperStore(db, mine))!;
    expect(catalog.items.map((i) => i.id).sort()).toEqual(own.map((i) => i.id).sort());
    expect(catalog.byId.has(their.id)).toBe(false);
    expect(pageOf(catalog, { limit: 50, category: their.categoryId! }).items).toEqual([]);
    expect((await loadCatalog(db, mine, { itemId: their.id })).catalog.items).toEqual([]);
  });

  it("narrows items to one category or one item; ids that are not UUIDs match nothing", async () => {
    const tenantId = await arrangeStore(db, { name: "民宿", templateId: "hotel", publish: true });
    const first = await firstItem(tenantId);
    const { catalog } = (await loadShopperStore(db, tenantId))!;
    const inCategory = pageOf(catalog, { limit: 50, category: first.categoryId! }).items;
    expect(inCategory.length).toBeGreaterThan(0);
    expect(inCategory.every((item) => item.categoryId === first.categoryId)).toBe(true);
    expect(catalog.byId.get(first.id)?.id).toBe(first.id);
    expect((await loadCatalog(db, tenantId, { itemId: "king" })).catalog.items).toEqual([]);
    expect((await loadCatalog(db, tenantId, { categoryId: "standard" })).catalog.items).toEqual([]);
  });

  it("leaves out rows its schema refuses and reports them", async () => {
    const tenantId = await arrangeStore(db, { name: "民宿", templateId: "hotel" });
    const roomWithoutCapacity = randomUUID();
    const brokenImages = randomUUID();
    const longCategory = randomUUID();
    await db.scoped({ tenantId }, async (tx) => {
      await tx.catalogItem.create({ data: { tenantId, id: roomWithoutCapacity, kind: "ROOM", title: "旧数据房型", priceFen: 100, details: {} } });
      await tx.catalogItem.create({ data: { tenantId, id: brokenImages, kind: "ROOM", title: "坏图片", priceFen: 100, images: "x.png", details: { capacity: 2 } } });
      await tx.catalogCategory.create({ data: { tenantId, id: longCategory, name: "名".repeat(21) } });
    });

    const { catalog, skipped } = await loadCatalog(db, tenantId);
    expect(catalog.items).toHaveLength(templates.hotel.sample.catalog.items.length);
    expect(catalog.categories.map((c) => c.id)).not.toContain(longCategory);
    expect(skipped).toEqual(
      expect.arrayContaining([
        { table: "catalog_items", id: roomWithoutCapacity, problems: [expect.objectContaining({ path: "details.capacity" })] },
        { table: "catalog_items", id: brokenImages, problems: [expect.objectContaining({ path: "images" })] },
        { table: "catalog_categories", id: longCategory, problems: [expect.objectContaining({ path: "name" })] },
      ]),
    );
    expect(skipped).toHaveLength(3);
  });

  it("is nothing to shoppers until the store publishes", async () => {
    const tenantId = await arrangeStore(db, { name: "未开业", templateId: "ecommerce" });
    expect(await loadShopperStore(db, tenantId)).toBeNull();
    expect((await loadCatalog(db, tenantId)).catalog.items.length).toBeGreaterThan(0);
  });
});
