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
  for (const [id, name] of [[store, "同行小店"], [otherStore, "对门小店"]] as const) {
    await db.scoped({ tenantId: id }, (tx) => tx.tenant.create({ data: { id, name, slug: `shared-${id}`, templateId: "ecommerce" } }));
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

describe("statements sent together (db.statement)", () => {
  it("sends the statements given together on one connection, each in a transaction of its own", async () => {
    const given = Array.from({ length: 20 }, (_, index) =>
      db.statement<{ backend: number; tx: string; index: number }>({ tenantId: store }, sql`SELECT pg_backend_pid() AS backend, txid_current()::text AS tx, ${index}::int AS index`),
    );
    const rows = (await Promise.all(given)).map(([row]) => row!);
    expect(rows.map((row) => row.index)).toEqual(Array.from({ length: 20 }, (_, index) => index));
    expect(new Set(rows.map((row) => row.backend)).size).toBe(1);
    expect(new Set(rows.map((row) => row.tx)).size).toBe(20);
  });

  it("fails only the statement that fails: the ones after it on the connection still run and are kept", async () => {
    const outcomes = await Promise.allSettled([
      db.statement({ tenantId: store }, addItem(store, "a 第一")),
      db.statement({ tenantId: store }, sql`WITH planted AS (INSERT INTO catalog_items (tenant_id, kind, title, price_fen, updated_at)
        VALUES (${store}::uuid, 'PRODUCT', 'undone', 100, now()) RETURNING 1) SELECT 1 / 0 FROM planted`),
      db.statement({ tenantId: store }, addItem(store, "b 第二")),
      db.statement({ tenantId: store }, sql`SELECT 1 / 0`),
      db.statement({ tenantId: store }, addItem(store, "c 第三")),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "rejected", "fulfilled", "rejected", "fulfilled"]);
    expect(sqlState((outcomes[1] as PromiseRejectedResult).reason)).toBe("22012");
    expect((outcomes[4] as PromiseFulfilledResult<unknown>).value).toEqual([{ title: "c 第三" }]);
    expect(await titles(store)).toEqual(["a 第一", "b 第二", "c 第三"]);
  });

  it("keeps each statement's scope: sent together, no store's statement reaches another's rows, nor carries its store on", async () => {
    const given = await Promise.allSettled([
      db.statement({ tenantId: otherStore }, addItem(otherStore, "d 对门")),
      db.statement({ tenantId: store }, addItem(otherStore, "planted")),
      db.statement({ tenantId: store }, sql`UPDATE catalog_items SET title = 'hijacked' WHERE tenant_id = ${otherStore}::uuid RETURNING id`),
      db.statement({ tenantId: store }, sql`SELECT count(*)::int AS seen FROM catalog_items`),
      db.statement({}, sql`SELECT count(*)::int AS seen FROM catalog_items`),
    ]);
    expect(sqlState((given[1] as PromiseRejectedResult).reason)).toBe("42501");
    expect(given.filter((_, index) => index !== 1).map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value)).toEqual([
      [{ title: "d 对门" }],
      [],
      [{ seen: 3 }],
      [{ seen: 0 }],
    ]);
    expect(await titles(otherStore)).toEqual(["d 对门"]);
  });

  it("drops a connection that breaks under a statement, and answers the next ones on another", async () => {
    const cut = db.statement({ tenantId: store }, sql`SELECT pg_sleep(5)`).then(() => null, (error: unknown) => error);
    let killed: number | undefined;
    while (killed === undefined) {
      const { rows } = await admin.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'SELECT pg_sleep(5)%'");
      killed = rows[0]?.pid;
    }
    await admin.query("SELECT pg_terminate_backend($1)", [killed]);
    expect(await cut).toBeInstanceOf(Error);
    const answers = await Promise.all(Array.from({ length: 5 }, () => db.statement<{ backend: number }>({ tenantId: store }, sql`SELECT pg_backend_pid() AS backend`)));
    expect(answers.map(([row]) => row!.backend)).not.toContain(killed);
  });
});
