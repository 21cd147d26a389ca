import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Database, sql } from "./index";
import { superuser, testDatabase } from "./testing";

// What shoppers see of a store is cached by every shop-api process until the store's storefront version moves
// (migrations *_storefront_changes, *_item_face_row_trigger). An item update moves it only when the item's face
// changed: a flash sale's reservations must not reload the store's catalog once per order.

let db: Database;
let admin: pg.Client;
const store = randomUUID();

beforeAll(async () => {
  db = testDatabase();
  admin = await superuser();
  await db.scoped({ tenantId: store }, (tx) => tx.tenant.create({ data: { id: store, name: "门面小店", slug: `face-${store}`, templateId: "ecommerce" } }));
});

afterAll(async () => {
  await admin.end();
  await db.disconnect();
});

const details = (stock: number, priceFen = 990) => ({ skus: [{ options: ["红"], priceFen, stock }, { options: ["蓝"], priceFen, stock: 5 }], specs: [{ name: "颜色", options: ["红", "蓝"] }] });

async function addItem(title: string): Promise<string> {
  const [row] = await db.statements({ tenantId: store }, (tx) =>
    tx.commitWith<{ id: string }>(sql`INSERT INTO catalog_items (tenant_id, kind, title, price_fen, details, updated_at)
      VALUES (${store}::uuid, 'PRODUCT', ${title}, 990, ${JSON.stringify(details(2))}::jsonb, now()) RETURNING id`),
  );
  return row!.id;
}

/** Runs one UPDATE of the store's items as the application does; the store's version after it. */
async function update(statement: ReturnType<typeof sql>): Promise<string> {
  await db.statements({ tenantId: store }, (tx) => tx.commitWith(statement));
  const { rows } = await admin.query<{ version: string }>("SELECT version::text FROM storefront_versions WHERE tenant_id = $1", [store]);
  return rows[0]!.version;
}

describe("a store's storefront version", () => {
  it("moves when a SKU sells out or comes back, or anything else shoppers see changes; not when a count only goes down or up", async () => {
    const id = await addItem("保温杯");
    const setDetails = (stock: number, priceFen?: number) => sql`UPDATE catalog_items SET details = ${JSON.stringify(details(stock, priceFen))}::jsonb WHERE id = ${id}::uuid`;
    const before = await update(setDetails(2));
    expect(await update(setDetails(1)), "2 left, then 1").toBe(before);
    expect(await update(sql`UPDATE catalog_items SET updated_at = now() WHERE id = ${id}::uuid`), "only updated_at").toBe(before);
    const soldOut = await update(setDetails(0));
    expect(soldOut, "the red one sold out").not.toBe(before);
    const back = await update(setDetails(3));
    expect(back, "the red one came back").not.toBe(soldOut);
    expect(await update(setDetails(4)), "3 left, then 4").toBe(back);
    const repriced = await update(setDetails(4, 1290));
    expect(repriced, "a SKU's price").not.toBe(back);
    expect(await update(sql`UPDATE catalog_items SET title = '保温杯 大号' WHERE id = ${id}::uuid`), "the title").not.toBe(repriced);
  });

  it("moves once, with one notification, for an edit of many items in one statement", async () => {
    for (let index = 0; index < 30; index++) await addItem(`水杯 ${index}`);
    const listener = await superuser();
    const heard: string[] = [];
    listener.on("notification", (message) => {
      if (message.channel === "storefront_changed" && message.payload === store) heard.push(message.payload);
    });
    await listener.query("LISTEN storefront_changed");
    const before = await update(sql`SELECT 1`);
    const after = await update(sql`UPDATE catalog_items SET price_fen = price_fen + 100 WHERE tenant_id = ${store}::uuid AND title LIKE '水杯%'`);
    expect(after).not.toBe(before);
    // A notification sent at commit arrives before the answer to a query sent after it on the same connection.
    await listener.query("SELECT 1");
    expect(heard).toHaveLength(1);
    await listener.end();
  });
});
