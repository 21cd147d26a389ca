import type { Database } from "@kaidian/db";
import { testDatabase } from "@kaidian/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFirstCatalogPage, loadShopperStore } from "../index";
import { arrangeStore } from "../testing";
import { ShopCache } from "./shop-cache";

let db: Database;
beforeAll(() => {
  db = testDatabase();
});
afterAll(() => db.disconnect());

/** A store whose order needs every part of the key: categories and items sharing positions, uncategorised items. */
async function storeWithMixedCatalog(name: string): Promise<string> {
  const tenantId = await arrangeStore(db, { name, templateId: "ecommerce", publish: true });
  await db.scoped({ tenantId }, async (tx) => {
    const [other] = await tx.catalogCategory.findMany({ where: { tenantId }, orderBy: { position: "asc" }, take: 1, select: { id: true } });
    const shelf = await tx.catalogCategory.create({ data: { tenantId, name: "新品", position: -1 }, select: { id: true } });
    // Two categories at one position: their ids decide which comes first.
    const twin = await tx.catalogCategory.create({ data: { tenantId, name: "同位", position: -1 }, select: { id: true } });
    const item = (title: string, categoryId: string | null, position: number) => ({ tenantId, kind: "PRODUCT" as const, categoryId, title, description: "", priceFen: 1000 + position, position });
    await tx.catalogItem.createMany({
      data: [
        ...Array.from({ length: 7 }, (_, i) => item(`新品 ${i}`, shelf.id, i % 3)),
        ...Array.from({ length: 4 }, (_, i) => item(`常规 ${i}`, other!.id, 0)),
        ...Array.from({ length: 3 }, (_, i) => item(`同位 ${i}`, twin.id, i)),
        ...Array.from({ length: 5 }, (_, i) => item(`未分类 ${i}`, null, i % 2)),
      ],
    });
  });
  return tenantId;
}

/** The page as the cache cuts it from the whole store's read. */
async function cachedPage(tenantId: string, limit: number): Promise<{ body: string; etag: string }> {
  const cache = new ShopCache({ load: (id) => loadShopperStore(db, id), maxBytes: 64 << 20 });
  const answer = await cache.catalogPage(tenantId, { limit }, false);
  if (answer.kind !== "ready") throw new Error(answer.kind);
  return { body: answer.ready.body.toString(), etag: answer.ready.etag };
}

describe("a cache miss's first catalog page", () => {
  it("is, read on its own, the very bytes the whole store's read cuts, at every page size", async () => {
    const tenantId = await storeWithMixedCatalog("首屏小店");
    const total = await db.scoped({ tenantId }, (tx) => tx.catalogItem.count({ where: { visible: true } }));
    for (const limit of [1, 2, 3, 7, 8, 12, total - 1, total, 50]) {
      const read = await loadFirstCatalogPage(db, tenantId, limit);
      if (read.kind !== "page") throw new Error(`limit ${limit}: ${read.kind}`);
      expect(JSON.stringify(read.page), `limit ${limit}`).toBe((await cachedPage(tenantId, limit)).body);
      expect(read.page.nextCursor === null, `limit ${limit}`).toBe(limit >= total);
    }
  });

  it("is answered by the cache while the store is read, with the ETag the cached page then has", async () => {
    const tenantId = await storeWithMixedCatalog("首屏缓存");
    const loads: string[] = [];
    // The whole read is held until the miss has its answer: the answer cannot have waited for it.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const cache = new ShopCache({
      load: async (id) => {
        loads.push(id);
        await held;
        return loadShopperStore(db, id);
      },
      loadFirstPage: (id, limit) => loadFirstCatalogPage(db, id, limit),
      maxBytes: 64 << 20,
    });
    const miss = await cache.catalogPage(tenantId, { limit: 5 }, false);
    expect(cache.usage.stores).toBe(0);
    release();
    const hit = await until(async () => (cache.usage.stores === 1 ? cache.catalogPage(tenantId, { limit: 5 }, false) : null));
    expect(miss).toEqual(hit);
    expect(loads).toEqual([tenantId]);
    expect(await cache.catalogPage(crypto.randomUUID(), { limit: 5 }, false)).toEqual({ kind: "notFound", code: "tenant.notFound" });
  });

  it("leaves the page to the whole read when a row it read fails its schema", async () => {
    const tenantId = await storeWithMixedCatalog("坏数据");
    const first = (JSON.parse((await cachedPage(tenantId, 1)).body) as { items: { id: string }[] }).items[0]!;
    await db.scoped({ tenantId }, (tx) => tx.$executeRaw`UPDATE catalog_items SET title = repeat('长', 60) WHERE tenant_id = ${tenantId}::uuid AND id = ${first.id}::uuid`);
    expect(await loadFirstCatalogPage(db, tenantId, 3)).toEqual({ kind: "unsure" });
    const cache = new ShopCache({ load: (id) => loadShopperStore(db, id), loadFirstPage: (id, limit) => loadFirstCatalogPage(db, id, limit), maxBytes: 64 << 20 });
    const answer = await cache.catalogPage(tenantId, { limit: 3 }, false);
    expect(answer.kind === "ready" && answer.ready.body.toString()).toBe((await cachedPage(tenantId, 3)).body);
    expect(answer.kind === "ready" && answer.ready.body.toString()).not.toContain("长长长");
  });
});

async function until<T>(read: () => Promise<T | null>): Promise<T> {
  for (let pause = 10; ; pause = Math.min(pause * 2, 200)) {
    const value = await read();
    if (value !== null) return value;
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}
