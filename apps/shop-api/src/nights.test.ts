import { randomUUID } from "node:crypto";
import { addDays, setNights, storeToday } from "@kaidian/catalog/server";
import type { Database } from "@kaidian/db";
import { testDatabase, testDatabaseUrl } from "@kaidian/db/testing";
import { apiErrorSchema, nightsResponseSchema } from "@kaidian/storefront";
import { arrangeStore } from "@kaidian/storefront/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningShopApi, startShopApi } from "./testing";

type Params = { tenant: string; item: string };
let api: RunningShopApi;
const call = (params: Params, query: string, headers: HeadersInit = {}) =>
  fetch(`${api.url}/api/mp/v1/${params.tenant}/items/${params.item}/nights${query}`, { headers });

let db: Database;
let hotel: string;
let room: { id: string; priceFen: number; details: unknown };
const from = addDays(storeToday(), 1);

const rooms = (tenantId: string) =>
  db.scoped({ tenantId }, (tx) => tx.catalogItem.findMany({ where: { kind: "ROOM" }, orderBy: { position: "asc" }, select: { id: true, priceFen: true, details: true } }));

beforeAll(async () => {
  api = await startShopApi(testDatabaseUrl());
  db = testDatabase();
  hotel = await arrangeStore(db, { name: "湖畔民宿", templateId: "hotel", publish: true });
  room = (await rooms(hotel))[0]!;
  const owner = await db.scoped({}, (tx) =>
    tx.user.create({ data: { email: `owner-${randomUUID().slice(0, 8)}@example.test`, name: "店长", passwordHash: "not-used" }, select: { id: true } }),
  );
  await db.scoped({ tenantId: hotel }, async (tx) => {
    await setNights(tx, { itemId: room.id, from: addDays(from, 1), to: addDays(from, 1), rateFen: 99900 }, { userId: owner.id, revision: 0 });
    await setNights(tx, { itemId: room.id, from: addDays(from, 2), to: addDays(from, 2), closed: true }, { userId: owner.id, revision: 1 });
  });
});

afterAll(async () => {
  await db.disconnect();
  await api.close();
});

describe("GET /api/mp/v1/<tenant>/items/<item>/nights", () => {
  it("gives each night's rate and rooms left, the base price where none was set, cacheable with an ETag", async () => {
    const response = await call({ tenant: hotel, item: room.id }, `?from=${from}&to=${addDays(from, 3)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const body = nightsResponseSchema.parse(await response.json());
    // A night with no settings of its own sells every room of the type.
    const all = (room.details as { rooms: number }).rooms;
    expect(all).toBeGreaterThan(1);
    expect(body.nights).toEqual([
      { date: from, rateFen: room.priceFen, available: all },
      { date: addDays(from, 1), rateFen: 99900, available: all },
      { date: addDays(from, 2), rateFen: room.priceFen, available: 0 },
      { date: addDays(from, 3), rateFen: room.priceFen, available: all },
    ]);
    const etag = response.headers.get("ETag")!;
    expect((await call({ tenant: hotel, item: room.id }, `?from=${from}&to=${addDays(from, 3)}`, { "If-None-Match": etag })).status).toBe(304);
  });

  it.each([
    ["no dates", ""],
    ["a date that is not one", "?from=2027-02-30&to=2027-03-02"],
    ["a range that ends before it starts", "?from=2027-03-02&to=2027-03-01"],
    ["more than 60 nights", "?from=2027-01-01&to=2027-03-02"],
  ])("answers 400 to %s", async (_, query) => {
    const response = await call({ tenant: hotel, item: room.id }, query);
    expect(response.status).toBe(400);
    expect(apiErrorSchema.parse(await response.json()).error.code).toBe("nights.query.invalid");
  });

  it("accepts 60 nights", async () => {
    const response = await call({ tenant: hotel, item: room.id }, `?from=2027-01-01&to=2027-03-01`);
    expect(nightsResponseSchema.parse(await response.json()).nights).toHaveLength(60);
  });

  it("answers 404 for another store's room, a hidden room, an item that is not a room, and a store not published", async () => {
    const rival = await arrangeStore(db, { name: "对岸客栈", templateId: "hotel", publish: true });
    const [theirs, hidden] = await rooms(rival);
    await db.scoped({ tenantId: rival }, (tx) => tx.catalogItem.updateMany({ where: { id: hidden!.id }, data: { visible: false } }));
    const shop = await arrangeStore(db, { name: "咖啡", templateId: "ecommerce", publish: true });
    const product = await db.scoped({ tenantId: shop }, (tx) => tx.catalogItem.findFirstOrThrow({ select: { id: true } }));
    const range = `?from=${from}&to=${from}`;
    for (const [tenant, item] of [[hotel, theirs!.id], [rival, hidden!.id], [shop, product.id], [hotel, randomUUID()], [hotel, "king"]] as const) {
      const response = await call({ tenant, item }, range);
      expect(response.status, `${tenant} ${item}`).toBe(404);
      expect(apiErrorSchema.parse(await response.json()).error.code).toBe("item.notFound");
    }
    const unpublished = await arrangeStore(db, { name: "筹备中", templateId: "hotel" });
    const [draftRoom] = await rooms(unpublished);
    const response = await call({ tenant: unpublished, item: draftRoom!.id }, range);
    expect(response.status).toBe(404);
    expect(apiErrorSchema.parse(await response.json()).error.code).toBe("tenant.notFound");
  });
});
