import { randomUUID } from "node:crypto";
import type { Database } from "@kaidian/db";
import { testDatabase, testDatabaseUrl } from "@kaidian/db/testing";
import {
  apiErrorSchema,
  catalogPageResponseSchema,
  categoriesResponseSchema,
  itemResponseSchema,
  itemsPageResponseSchema,
  publishConfigVersion,
  siteResponseSchema,
  storeResponseSchema,
} from "@kaidian/storefront";
import { arrangeStore } from "@kaidian/storefront/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningShopApi, startShopApi } from "./testing";

// The read API as packages already uploaded call it: the same paths and shapes the dashboard served before.
type Params = { tenant: string; item?: string };
type Route = (params: Params) => string;
const getSite: Route = ({ tenant }) => `${tenant}/site`;
const getStore: Route = ({ tenant }) => `${tenant}/store`;
const getCatalog: Route = ({ tenant }) => `${tenant}/catalog`;
const getCategories: Route = ({ tenant }) => `${tenant}/categories`;
const getItems: Route = ({ tenant }) => `${tenant}/items`;
const getItem: Route = ({ tenant, item }) => `${tenant}/items/${item}`;

let api: RunningShopApi;
function call(route: Route, params: Params, query = "", headers: HeadersInit = {}) {
  return fetch(`${api.url}/api/mp/v1/${route(params)}${query}`, { headers });
}

let db: Database;
let shop: string;
let rival: string;
let unpublished: string;

const firstRow = (tenantId: string) =>
  db.scoped({ tenantId }, (tx) => tx.catalogItem.findFirstOrThrow({ orderBy: { position: "asc" }, select: { id: true, categoryId: true } }));

beforeAll(async () => {
  api = await startShopApi(testDatabaseUrl());
  db = testDatabase();
  shop = await arrangeStore(db, { name: "山间咖啡", templateId: "ecommerce", publish: true });
  rival = await arrangeStore(db, { name: "对面咖啡", templateId: "ecommerce", publish: true });
  unpublished = await arrangeStore(db, { name: "筹备中", templateId: "hotel" });
});

afterAll(async () => {
  await db.disconnect();
  await api.close();
});

describe("the read API", () => {
  it("answers every route in the shared schemas' shapes, cacheable and open to any origin", async () => {
    const { id, categoryId } = await firstRow(shop);
    const routes = [
      [siteResponseSchema, () => call(getSite, { tenant: shop })],
      [storeResponseSchema, () => call(getStore, { tenant: shop })],
      [catalogPageResponseSchema, () => call(getCatalog, { tenant: shop })],
      [categoriesResponseSchema, () => call(getCategories, { tenant: shop })],
      [itemsPageResponseSchema, () => call(getItems, { tenant: shop })],
      [itemResponseSchema, () => call(getItem, { tenant: shop, item: id })],
    ] as const;
    for (const [schema, get] of routes) {
      const response = await get();
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
      expect(response.headers.get("Cache-Control")).toBe("public, max-age=60, stale-while-revalidate=600");
      expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
      expect(response.headers.get("ETag")).toMatch(/^W\/"[\w-]+"$/);
      const body: unknown = await response.json();
      expect(schema.parse(body)).toEqual(body);
    }
    const store = storeResponseSchema.parse(await (await call(getStore, { tenant: shop })).json());
    expect(store.store.name).toBe("山间咖啡");
    const item = itemResponseSchema.parse(await (await call(getItem, { tenant: shop, item: id })).json());
    expect(item.item.id).toBe(id);
    const inCategory = itemsPageResponseSchema.parse(await (await call(getItems, { tenant: shop }, `?category=${categoryId}`)).json());
    expect(inCategory.items.length).toBeGreaterThan(0);
    expect(inCategory.items.every((row) => row.categoryId === categoryId)).toBe(true);
  });

  it("gives the site's published version, and a new ETag when a new version is published", async () => {
    const tenantId = await arrangeStore(db, { name: "换装", templateId: "restaurant", publish: true });
    const before = await call(getSite, { tenant: tenantId });
    const site = siteResponseSchema.parse(await before.json());
    expect(site).toMatchObject({ tenantId, configVersion: 1, config: { store: { name: "换装" } } });

    await db.scoped({ tenantId }, async (tx) => {
      const config = { ...site.config, store: { ...site.config.store, name: "新装" } };
      await tx.configVersion.create({ data: { tenantId, number: 2, templateId: "restaurant", schemaVersion: 2, config } });
      await publishConfigVersion(tx, tenantId, 2);
    });
    // The publish reaches the service as a notification, a moment after it commits.
    await expect.poll(async () => siteResponseSchema.parse(await (await call(getSite, { tenant: tenantId })).json()), { timeout: 20_000 })
      .toMatchObject({ configVersion: 2, config: { store: { name: "新装" } } });
    const after = await call(getSite, { tenant: tenantId });
    expect(after.headers.get("ETag")).not.toBe(before.headers.get("ETag"));
  });

  it("answers 304 without a body to a request that already has the current ETag", async () => {
    for (const handler of [getSite, getCatalog] as const) {
      const first = await call(handler, { tenant: shop });
      const etag = first.headers.get("ETag")!;
      const again = await call(handler, { tenant: shop }, "", { "If-None-Match": `W/"stale", ${etag}` });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe("");
      expect(again.headers.get("ETag")).toBe(etag);
      expect(again.headers.get("Cache-Control")).toBe(first.headers.get("Cache-Control"));
      expect(again.headers.get("Access-Control-Allow-Origin")).toBe("*");
      // Strong and weak forms of the same tag match (weak comparison).
      expect((await call(handler, { tenant: shop }, "", { "If-None-Match": etag.slice(2) })).status).toBe(304);
      expect((await call(handler, { tenant: shop }, "", { "If-None-Match": 'W/"stale"' })).status).toBe(200);
    }
  });

  it("answers a store it holds in memory exactly as one it must read first", async () => {
    const headersOf = (answer: Response) => Object.fromEntries([...answer.headers].filter(([name]) => name !== "date" && name !== "x-request-id"));
    const requests = [[getSite, ""], [getCatalog, ""], [getCatalog, "?limit=2"], [getItems, "?limit=2"]] as const;
    for (const [index, [route, query]] of requests.entries()) {
      // Dropped from memory: the first request reads the store (the first /catalog page on its own), the second is cut from memory.
      api.cache.invalidate(shop);
      const routed = await call(route, { tenant: shop }, query, { "X-Request-Id": `read-${index}` });
      const held = await call(route, { tenant: shop }, query, { "X-Request-Id": `held-${index}` });
      expect([routed.status, held.status]).toEqual([200, 200]);
      expect(headersOf(held)).toEqual(headersOf(routed));
      expect(await held.text()).toBe(await routed.text());
      expect(held.headers.get("X-Request-Id")).toBe(`held-${index}`);
      const etag = held.headers.get("ETag")!;
      api.cache.invalidate(shop);
      const routedUnchanged = await call(route, { tenant: shop }, query, { "If-None-Match": etag });
      const heldUnchanged = await call(route, { tenant: shop }, query, { "If-None-Match": etag });
      expect([routedUnchanged.status, heldUnchanged.status]).toEqual([304, 304]);
      expect(headersOf(heldUnchanged)).toEqual(headersOf(routedUnchanged));
      await expect.poll(() => api.logs.map((line) => JSON.parse(line)).find((entry) => entry.reqId === `held-${index}`)).toMatchObject({
        msg: "request",
        method: "GET",
        status: 200,
        url: `/api/mp/v1/${route({ tenant: shop })}${query}`,
        client: "127.0.0.1",
      });
    }
  });

  it("answers 404 JSON for an unknown store, an id that is not a UUID, and a store that has not published", async () => {
    for (const tenant of [randomUUID(), "shanye-coffee", "assets", unpublished]) {
      for (const handler of [getSite, getStore, getCatalog, getCategories, getItems] as const) {
        const response = await call(handler, { tenant });
        expect(response.status, `${tenant}`).toBe(404);
        expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
        expect(apiErrorSchema.parse(await response.json())).toEqual({ error: { code: "tenant.notFound", message: expect.any(String) } });
      }
    }
  });

  it("never answers one store's URL with another store's items, even asked for them by id", async () => {
    const theirs = await firstRow(rival);
    const mine = catalogPageResponseSchema.parse(await (await call(getCatalog, { tenant: shop })).json());
    const rivalIds = (await db.scoped({ tenantId: rival }, (tx) => tx.catalogItem.findMany({ select: { id: true } }))).map((row) => row.id);
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.filter((item) => rivalIds.includes(item.id))).toEqual([]);

    const asked = await call(getItem, { tenant: shop, item: theirs.id });
    expect(asked.status).toBe(404);
    expect(apiErrorSchema.parse(await asked.json()).error.code).toBe("item.notFound");
    const byCategory = await call(getItems, { tenant: shop }, `?category=${theirs.categoryId}`);
    expect(itemsPageResponseSchema.parse(await byCategory.json())).toEqual({ items: [], nextCursor: null });
    expect((await call(getItem, { tenant: shop, item: "not-a-uuid" })).status).toBe(404);
  });

  it("answers a generic 500 for a store whose published config is broken, and logs why", async () => {
    const tenantId = await arrangeStore(db, { name: "坏了", templateId: "hotel" });
    await db.scoped({ tenantId }, (tx) =>
      tx.configVersion.create({
        data: { tenantId, number: 2, status: "PUBLISHED", publishedAt: new Date(), templateId: "hotel", schemaVersion: 2, config: { schemaVersion: 2, templateId: "hotel", store: { name: "秘密店名" } } },
      }),
    );
    const response = await call(getSite, { tenant: tenantId });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(apiErrorSchema.parse(JSON.parse(text)).error.code).toBe("internal");
    expect(text).not.toMatch(/秘密|tabBar/);
    expect(api.logs.find((line) => line.includes(tenantId))).toMatch(/tabBar/);
  });

  it("leaves a catalog row its schema refuses out of the answer and logs it", async () => {
    const tenantId = await arrangeStore(db, { name: "旧数据", templateId: "hotel", publish: true });
    const broken = randomUUID();
    await db.scoped({ tenantId }, (tx) => tx.catalogItem.create({ data: { tenantId, id: broken, kind: "ROOM", title: "旧房型", priceFen: 1 } }));
    const catalog = catalogPageResponseSchema.parse(await (await call(getCatalog, { tenant: tenantId })).json());
    expect(catalog.items.map((item) => item.id)).not.toContain(broken);
    expect(api.logs.find((line) => line.includes(tenantId))).toContain(broken);
  });
});
