import { randomUUID } from "node:crypto";
import type { Database } from "@kaidian/db";
import { superuser, testDatabase } from "@kaidian/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import {
  createTable, deleteTable, listTables, MAX_SCENE_LENGTH, newTableCode, TABLE_CODE_PATTERN, tableInputSchema, tableLanding, tableLink, tableScene, updateTable,
} from "./tables";
import { arrangeEditor } from "./testing";

let db: Database;
let userId: string;
beforeAll(async () => {
  db = testDatabase();
  userId = await arrangeEditor(db, "店长");
});
afterAll(() => db.disconnect());

async function arrangeRestaurant(name = "老街面馆") {
  const tenantId = randomUUID();
  await db.scoped({ tenantId }, (tx) => tx.tenant.create({ data: { id: tenantId, name, slug: `test-${tenantId}`, templateId: "restaurant" } }));
  return tenantId;
}


describe("tables", () => {
  it("get short URL-safe codes whose scene fits WeChat's 32 characters, in the order they were added", async () => {
    const tenantId = await arrangeRestaurant();
    const a = await db.scoped({ tenantId }, (tx) => createTable(tx, tenantId, { name: " A12 ", seats: "6" }));
    const b = await db.scoped({ tenantId }, (tx) => createTable(tx, tenantId, { name: "包间1", seats: 10 }));
    expect(a).toMatchObject({ name: "A12", seats: 6, position: 0 });
    expect(b.position).toBe(1);
    for (const table of [a, b]) {
      expect(table.code).toMatch(TABLE_CODE_PATTERN);
      expect(table.code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
      expect(tableScene(table.code)).toBe(`t=${table.code}`);
      expect(tableScene(table.code).length).toBeLessThanOrEqual(MAX_SCENE_LENGTH);
    }
    expect(a.code).not.toBe(b.code);
    expect((await db.scoped({ tenantId }, listTables)).map((table) => table.name)).toEqual(["A12", "包间1"]);
    expect(tableLink("https://kaidian.example/", tenantId, a.code)).toBe(`https://kaidian.example/q/${tenantId}/${a.code}`);
  });

  it("refuses a table name with a direction override, with the name's own message", () => {
    expect(() => tableInputSchema.parse({ name: "A\u202E12", seats: 4 })).toThrow(/tables.name.invalid/);
  });

  it("refuses a scene the Mini Program could not read or WeChat would not take", () => {
    expect(() => tableScene("a&b=c")).toThrow(/not one the Mini Program reads/);
    expect(() => tableScene("ABCDEFGHJ")).toThrow(/not one the Mini Program reads/);
    expect(new Set(Array.from({ length: 200 }, newTableCode)).size).toBe(200);
  });

  it("refuses a name already used in the store, in any case, and keeps the code when a table is renamed", async () => {
    const tenantId = await arrangeRestaurant();
    const table = await db.scoped({ tenantId }, (tx) => createTable(tx, tenantId, { name: "a1", seats: 4 }));
    await db.scoped({ tenantId }, (tx) => createTable(tx, tenantId, { name: "A2", seats: 4 }));
    await expect(db.scoped({ tenantId }, (tx) => createTable(tx, tenantId, { name: "A1", seats: 2 }))).rejects.toMatchObject({
      code: "tables.name.taken", field: "name",
    });
    await expect(db.scoped({ tenantId }, (tx) => updateTable(tx, tenantId, table.id, { name: "a2", seats: 4 }, { userId, revision: 0 }))).rejects.toMatchObject({
      code: "tables.name.taken",
    });
    const renamed = await db.scoped({ tenantId }, (tx) => updateTable(tx, tenantId, table.id, { name: "A1", seats: 8 }, { userId, revision: 0 }));
    expect(renamed).toMatchObject({ name: "A1", seats: 8, code: table.code });
    // Another store may use the same name.
    const other = await arrangeRestaurant();
    await expect(db.scoped({ tenantId: other }, (tx) => createTable(tx, other, { name: "A1", seats: 4 }))).resolves.toMatchObject({ name: "A1" });
  });

  it.each([
    [{ name: "  ", seats: 4 }, "name", "tables.name.required"],
    [{ name: "一二三四五六七八九十一二三", seats: 4 }, "name", "tables.name.tooLong"],
    [{ name: "A\n1", seats: 4 }, "name", "tables.name.invalid"],
    [{ name: "A1", seats: 0 }, "seats", "tables.seats.invalid"],
    [{ name: "A1", seats: "many" }, "seats", "tables.seats.invalid"],
  ])("refuses %j", async (input, field, message) => {
    const tenantId = await arrangeRestaurant();
    const error = await db.scoped({ tenantId }, (tx) => createTable(tx, tenantId, input)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues[0]).toMatchObject({ path: [field], message });
    expect(await db.scoped({ tenantId }, listTables)).toEqual([]);
  });

  it("never lists, changes or deletes another store's tables", async () => {
    const mine = await arrangeRestaurant();
    const theirs = await arrangeRestaurant();
    const their = await db.scoped({ tenantId: theirs }, (tx) => createTable(tx, theirs, { name: "B1", seats: 4 }));
    expect(await db.scoped({ tenantId: mine }, listTables)).toEqual([]);
    await expect(db.scoped({ tenantId: mine }, (tx) => updateTable(tx, mine, their.id, { name: "X", seats: 1 }, { userId, revision: 0 }))).rejects.toMatchObject({ code: "tables.notFound" });
    await expect(db.scoped({ tenantId: mine }, (tx) => deleteTable(tx, their.id))).rejects.toMatchObject({ code: "tables.notFound" });
    // Writing a row into their store from mine is refused by row-level security.
    await expect(db.scoped({ tenantId: mine }, (tx) => createTable(tx, theirs, { name: "X", seats: 1 }))).rejects.toThrow(/row-level security/);
    const admin = await superuser();
    try {
      const { rows } = await admin.query("SELECT name, seats FROM dining_tables WHERE tenant_id = ANY($1)", [[mine, theirs]]);
      expect(rows).toEqual([{ name: "B1", seats: 4 }]);
    } finally {
      await admin.end();
    }
  });

  it("deletes a table, and its link then lands nowhere", async () => {
    const tenantId = await arrangeRestaurant("面馆");
    const table = await db.scoped({ tenantId }, (tx) => createTable(tx, tenantId, { name: "A3", seats: 4 }));
    expect(await tableLanding(db, tenantId, table.code)).toEqual({ storeName: "面馆", tableName: "A3" });
    expect(await tableLanding(db, randomUUID(), table.code)).toBeNull();
    expect(await tableLanding(db, "not-a-uuid", table.code)).toBeNull();
    expect(await tableLanding(db, tenantId, "../x")).toBeNull();
    await db.scoped({ tenantId }, (tx) => deleteTable(tx, table.id));
    expect(await tableLanding(db, tenantId, table.code)).toBeNull();
  });
});
