import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Database, sql, sqlState } from "./index";
import { superuser, testDatabase } from "./testing";

let db: Database;
let admin: pg.Client;
const store = randomUUID();
const otherStore = randomUUID();

beforeAll(async () => {
  db = testDatabase();
  admin = await superuser();
  for (const [id, name] of [[store, "分组小店"], [otherStore, "隔壁小店"]] as const) {
    await db.scoped({ tenantId: id }, (tx) => tx.tenant.create({ data: { id, name, slug: `group-${id}`, templateId: "ecommerce" } }));
  }
});

afterAll(async () => {
  await admin.end();
  await db.disconnect();
});

const addItem = (tenantId: string, title: string) =>
  sql`INSERT INTO catalog_items (tenant_id, kind, title, price_fen, updated_at) VALUES (${tenantId}::uuid, 'PRODUCT', ${title}, 100, now()) RETURNING title`;

async function titles(tenantId: string) {
  const { rows } = await admin.query<{ title: string }>("SELECT title FROM catalog_items WHERE tenant_id = $1 ORDER BY title", [tenantId]);
  return rows.map((row) => row.title);
}

describe("statements committed together (db.grouped)", () => {
  it("runs the first statement at once, and those given while it runs in one transaction after it", async () => {
    const given = Array.from({ length: 20 }, () => db.grouped<{ tx: string }>({ tenantId: store }, sql`SELECT txid_current()::text AS tx`));
    const transactions = (await Promise.all(given)).map(([row]) => row!.tx);
    expect(new Set(transactions.slice(1)).size).toBe(1);
    expect(transactions[0]).not.toBe(transactions[1]);
  });

  it("refuses only the statement that fails; the rest of its group is committed, each once", async () => {
    const outcomes = await Promise.allSettled([
      db.grouped({ tenantId: store }, addItem(store, "a 第一")),
      db.grouped({ tenantId: store }, addItem(store, "b 第二")),
      db.grouped({ tenantId: store }, sql`SELECT 1 / 0`),
      db.grouped({ tenantId: store }, addItem(store, "c 第三")),
      db.grouped({ tenantId: store }, sql`SELECT 1 / 0`),
      db.grouped({ tenantId: store }, addItem(store, "d 第四")),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled", "rejected", "fulfilled"]);
    expect(sqlState((outcomes[2] as PromiseRejectedResult).reason)).toBe("22012");
    expect((outcomes[5] as PromiseFulfilledResult<unknown>).value).toEqual([{ title: "d 第四" }]);
    expect(await titles(store)).toEqual(["a 第一", "b 第二", "c 第三", "d 第四"]);
  });

  it("keeps each scope's row-level security: no store's statement reaches another's rows, nor carries its store on", async () => {
    const given = await Promise.allSettled([
      db.grouped({ tenantId: store }, addItem(store, "e 第五")),
      db.grouped({ tenantId: store }, addItem(otherStore, "planted")),
      db.grouped({ tenantId: store }, sql`UPDATE catalog_items SET title = 'hijacked' WHERE tenant_id = ${otherStore}::uuid RETURNING id`),
      db.grouped({ tenantId: otherStore }, sql`SELECT count(*)::int AS seen FROM catalog_items`),
      db.grouped({}, sql`SELECT count(*)::int AS seen FROM catalog_items`),
    ]);
    expect(sqlState((given[1] as PromiseRejectedResult).reason)).toBe("42501");
    expect(given.filter((_, index) => index !== 1).map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value)).toEqual([
      [{ title: "e 第五" }],
      [],
      [{ seen: 0 }],
      [{ seen: 0 }],
    ]);
    expect(await titles(otherStore)).toEqual([]);
  });
});
