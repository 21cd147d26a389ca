import { randomUUID } from "node:crypto";
import type { Database } from "@kaidian/db";
import { superuser, testDatabase, testDatabaseUrl } from "@kaidian/db/testing";
import { apiErrorSchema, catalogPageResponseSchema, itemsPageResponseSchema, LEGACY_CATALOG_LIMIT } from "@kaidian/storefront";
import { arrangeStore } from "@kaidian/storefront/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningShopApi, startShopApi } from "./testing";

const ITEMS = 10_000;
let api: RunningShopApi;
let db: Database;
let store: string;
const categories: string[] = [randomUUID(), randomUUID(), randomUUID()];

const get = (path: string) => fetch(`${api.url}/api/mp/v1/${store}/${path}`);

beforeAll(async () => {
  db = testDatabase();
  // Shopper reads from one address: lift the per-client limit so 200 pages in a row are not throttled.
  api = await startShopApi(testDatabaseUrl());
  store = await arrangeStore(db, { name: "万货铺", templateId: "ecommerce", publish: true });
  await db.scoped({ tenantId: store }, async (tx) => {
    await tx.catalogItem.deleteMany({});
    await tx.catalogCategory.deleteMany({});
    // Listed in the reverse of their positions, so the answer's order comes from positions, not from insertion.
    await tx.catalogCategory.createMany({ data: categories.map((id, i) => ({ tenantId: store, id, name: `分类${i}`, position: 2 - i })) });
  });
  // One statement for 10,000 rows (as a CSV import writes them). Every tenth item is uncategorised; positions
  // repeat, so the id has to settle ties; item 1 is hidden.
  const admin = await superuser();
  await admin.query(
    `INSERT INTO catalog_items (tenant_id, kind, category_id, title, description, price_fen, position, visible, updated_at)
     SELECT $1, 'PRODUCT', CASE WHEN i % 10 = 9 THEN NULL ELSE ($2::uuid[])[i % 3 + 1] END,
       CASE WHEN i % 1000 = 0 THEN '手冲咖啡 ' || i ELSE 'Item ' || i END,
       CASE WHEN i % 1000 = 500 THEN 'ＣＯＦＦＥＥ豆' ELSE '' END,
       100 + i, i % 100, i <> 1, now()
     FROM generate_series(0, $3 - 1) AS i`,
    [store, categories, ITEMS],
  );
  await admin.end();
}, 120_000);

afterAll(async () => {
  await api.close();
  await db.disconnect();
});

async function pageThrough(path: string, limit: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const response = await get(`${path}${path.includes("?") ? "&" : "?"}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    expect(response.status).toBe(200);
    const page = itemsPageResponseSchema.parse(await response.json());
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
    pages++;
  } while (cursor !== null);
  return { ids, pages };
}

describe("paging through a 10,000-item store", () => {
  it("returns every visible item exactly once, in category then item order", async () => {
    const { ids, pages } = await pageThrough("items", 50);
    expect(ids).toHaveLength(ITEMS - 1);
    expect(new Set(ids).size).toBe(ITEMS - 1);
    expect(pages).toBe(Math.ceil((ITEMS - 1) / 50));

    const rows = await db.scoped({ tenantId: store }, (tx) =>
      tx.catalogItem.findMany({ where: { visible: true }, select: { id: true, categoryId: true, position: true } }),
    );
    const rank = (categoryId: string | null) => (categoryId === null ? 3 : 2 - categories.indexOf(categoryId));
    const expected = rows
      .sort((a, b) => rank(a.categoryId) - rank(b.categoryId) || a.position - b.position || (a.id < b.id ? -1 : 1))
      .map((row) => row.id);
    expect(ids).toEqual(expected);
  });

  it("pages /catalog the same way, with every category on each page", async () => {
    const first = catalogPageResponseSchema.parse(await (await get("catalog?limit=20")).json());
    expect(first.categories.map((c) => c.id)).toEqual([...categories].reverse());
    expect(first.items).toHaveLength(20);
    const second = catalogPageResponseSchema.parse(await (await get(`catalog?limit=20&cursor=${first.nextCursor}`)).json());
    expect(second.categories).toEqual(first.categories);
    expect(second.items.map((i) => i.id).filter((id) => first.items.some((i) => i.id === id))).toEqual([]);
    expect(catalogPageResponseSchema.parse(await (await get("catalog?cursor=" + first.nextCursor)).json()).items).toHaveLength(20);
  });

  it("filters by category and by search text, case- and width-insensitively, in Chinese too", async () => {
    const inCategory: string[] = [];
    let cursor: string | null = null;
    do {
      const page = itemsPageResponseSchema.parse(
        await (await get(`items?category=${categories[0]}&limit=50${cursor ? `&cursor=${cursor}` : ""}`)).json(),
      );
      expect(page.items.every((item) => item.categoryId === categories[0])).toBe(true);
      inCategory.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(inCategory).toHaveLength(3000);

    const coffee = itemsPageResponseSchema.parse(await (await get(`items?q=${encodeURIComponent("咖啡")}&limit=50`)).json());
    expect(coffee.items.map((item) => item.title).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `手冲咖啡 ${i * 1000}`).sort());
    expect(coffee.nextCursor).toBeNull();
    const wide = itemsPageResponseSchema.parse(await (await get("items?q=coffee")).json());
    expect(wide.items).toHaveLength(10);
    const title = itemsPageResponseSchema.parse(await (await get("items?q=ITEM%2099")).json());
    expect(title.items.every((item) => /item 99/i.test(item.title))).toBe(true);
    expect(title.items.length).toBeGreaterThan(0);
  });

  it("pages the items of no known category (category=none, the shoppers' 其他) each exactly once", async () => {
    // A category whose name its schema refuses is not shown to shoppers: its items join the uncategorised ones.
    const refused = randomUUID();
    const moved = await db.scoped({ tenantId: store }, async (tx) => {
      await tx.catalogCategory.create({ data: { tenantId: store, id: refused, name: "名".repeat(21), position: 1 } });
      const rows = await tx.catalogItem.findMany({ where: { title: { in: ["Item 3", "Item 13", "Item 23"] } }, select: { id: true, categoryId: true } });
      await tx.catalogItem.updateMany({ where: { id: { in: rows.map(({ id }) => id) } }, data: { categoryId: refused } });
      return rows;
    });
    try {
      const expected = await db.scoped({ tenantId: store }, (tx) =>
        tx.catalogItem.findMany({ where: { visible: true, OR: [{ categoryId: null }, { categoryId: refused }] }, select: { id: true, title: true } }),
      );
      expect(expected).toHaveLength(1000 + 3);
      // The cache heard of the change (NOTIFY): wait for the refused category's items to show under none.
      await expect.poll(async () => (await pageThrough(`items?category=none&q=${encodeURIComponent("Item 3")}`, 50)).ids.length, { timeout: 30_000 }).toBeGreaterThan(0);
      for (const limit of [1, 7, 50]) {
        const { ids, pages } = await pageThrough(`items?category=none`, limit);
        expect(ids).toHaveLength(expected.length);
        expect(new Set(ids)).toEqual(new Set(expected.map(({ id }) => id)));
        expect(pages).toBe(Math.ceil(expected.length / limit));
      }
      // With search text too, as the other filters.
      const { ids: found } = await pageThrough(`items?category=none&q=${encodeURIComponent("Item 13")}`, 50);
      const wanted = expected.filter(({ title }) => title.toLowerCase().includes("item 13"));
      expect(wanted.map(({ title }) => title)).toContain("Item 13");
      expect(new Set(found)).toEqual(new Set(wanted.map(({ id }) => id)));
      expect(found).toHaveLength(wanted.length);
      // /catalog takes the filter too, with every category beside the page.
      const first = catalogPageResponseSchema.parse(await (await get("catalog?category=none&limit=5")).json());
      expect(first.items.every((item) => item.categoryId === null || item.categoryId === refused)).toBe(true);
      expect(first.categories.map(({ id }) => id)).not.toContain(refused);
    } finally {
      await db.scoped({ tenantId: store }, async (tx) => {
        for (const { id, categoryId } of moved) await tx.catalogItem.update({ where: { tenantId_id: { tenantId: store, id } }, data: { categoryId } });
        await tx.catalogCategory.delete({ where: { tenantId_id: { tenantId: store, id: refused } } });
      });
    }
  });

  it("gives packages uploaded before paging, which send no parameters, the first items up to a bound", async () => {
    const legacy = catalogPageResponseSchema.parse(await (await get("catalog")).json());
    expect(legacy.items).toHaveLength(LEGACY_CATALOG_LIMIT);
    expect(legacy.nextCursor).not.toBeNull();
    expect(legacy.categories).toHaveLength(3);
  });

  it.each([
    ["limit", "limit=0"],
    ["limit", "limit=51"],
    ["limit", "limit=2.5"],
    ["limit", "limit=ten"],
    ["cursor", "cursor=not-a-cursor"],
    ["cursor", `cursor=${Buffer.from(JSON.stringify([1, null, 1, "x"])).toString("base64url")}`],
    ["category", "category=drinks"],
    ["category", "category=NONE"],
    ["q", `q=${encodeURIComponent("咖".repeat(41))}`],
  ])("answers 400 naming %s to %s", async (parameter, query) => {
    for (const path of ["items", "catalog"]) {
      const response = await get(`${path}?${query}`);
      expect(response.status).toBe(400);
      const { error } = apiErrorSchema.parse(await response.json());
      expect(error.code).toBe("query.invalid");
      expect(error.message.startsWith(`${parameter}:`)).toBe(true);
    }
  });

  it("accepts the bounds themselves: limit 1 and 50, and 40 characters of search", async () => {
    expect(itemsPageResponseSchema.parse(await (await get("items?limit=1")).json()).items).toHaveLength(1);
    expect(itemsPageResponseSchema.parse(await (await get("items?limit=50")).json()).items).toHaveLength(50);
    expect((await get(`items?q=${encodeURIComponent("咖".repeat(40))}`)).status).toBe(200);
    expect(itemsPageResponseSchema.parse(await (await get("items")).json()).items).toHaveLength(20);
  });
});
