// Two stores for the tests of how raw statements travel (db.grouped, db.statement): the application's database
// access, a superuser connection to check rows past row-level security, a statement that adds an item, and the
// titles a store's items have; and the check that statements sent together keep each its own scope.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, expect } from "vitest";
import type { Database, Scope } from "../database";
import { type Sql, sql, sqlState } from "../sql";
import { superuser, testDatabase } from "./index";

export type TwoStores = {
  readonly db: Database;
  readonly admin: pg.Client;
  readonly store: string;
  readonly otherStore: string;
  addItem(tenantId: string, title: string): ReturnType<typeof sql>;
  titles(tenantId: string): Promise<string[]>;
};

/** Creates the stores before the file's tests and disconnects after them. */
export function twoStores(label: string, names: readonly [string, string]): TwoStores {
  let db: Database | undefined;
  let admin: pg.Client | undefined;
  const store = randomUUID();
  const otherStore = randomUUID();
  beforeAll(async () => {
    db = testDatabase();
    admin = await superuser();
    for (const [id, name] of [[store, names[0]], [otherStore, names[1]]] as const) {
      await db.scoped({ tenantId: id }, (tx) => tx.tenant.create({ data: { id, name, slug: `${label}-${id}`, templateId: "ecommerce" } }));
    }
  });
  afterAll(async () => {
    await admin?.end();
    await db?.disconnect();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("twoStores' connections are open only inside the tests");
    return value;
  };
  return {
    get db() {
      return ready(db);
    },
    get admin() {
      return ready(admin);
    },
    store,
    otherStore,
    addItem: (tenantId, title) =>
      sql`INSERT INTO catalog_items (tenant_id, kind, title, price_fen, updated_at) VALUES (${tenantId}::uuid, 'PRODUCT', ${title}, 100, now()) RETURNING title`,
    async titles(tenantId) {
      const { rows } = await ready(admin).query<{ title: string }>("SELECT title FROM catalog_items WHERE tenant_id = $1 ORDER BY title", [tenantId]);
      return rows.map((row) => row.title);
    },
  };
}

/**
 * Statements of both stores and of none, given to `send` at once: each keeps its own scope's row-level security, so
 * none reaches the other store's rows, and none carries a store on to the next.
 */
export async function expectScopesKept(stores: TwoStores, send: (scope: Scope, statement: Sql) => Promise<unknown[]>): Promise<void> {
  const { store, otherStore, addItem } = stores;
  const before = await stores.titles(otherStore);
  const given = await Promise.allSettled([
    send({ tenantId: otherStore }, addItem(otherStore, "z 对门的")),
    send({ tenantId: store }, addItem(otherStore, "planted")),
    send({ tenantId: store }, sql`UPDATE catalog_items SET title = 'hijacked' WHERE tenant_id = ${otherStore}::uuid RETURNING id`),
    send({ tenantId: store }, sql`SELECT count(*)::int AS seen FROM catalog_items WHERE tenant_id = ${otherStore}::uuid`),
    send({}, sql`SELECT count(*)::int AS seen FROM catalog_items`),
  ]);
  expect(sqlState((given[1] as PromiseRejectedResult).reason)).toBe("42501");
  expect(given.filter((_, index) => index !== 1).map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value)).toEqual([
    [{ title: "z 对门的" }],
    [],
    [{ seen: 0 }],
    [{ seen: 0 }],
  ]);
  expect(await stores.titles(otherStore)).toEqual([...before, "z 对门的"]);
}
