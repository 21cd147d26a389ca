// Two stores for the tests of how raw statements travel (db.grouped, db.read): the application's database
// access, a superuser connection to check rows past row-level security, a statement that adds an item, the titles
// a store's items have, and which backend runs a statement (to break its connection).
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type pg from "pg";
import { afterAll, beforeAll } from "vitest";
import type { Database } from "../database";
import { type Sql, sql } from "../sql";
import { superuser, testDatabase } from "./index";

export type TwoStores = {
  readonly db: Database;
  readonly admin: pg.Client;
  readonly store: string;
  readonly otherStore: string;
  addItem(tenantId: string, title: string): Sql;
  titles(tenantId: string): Promise<string[]>;
  /** The process id of the backend running a statement that begins with `text`, once one does. */
  backendRunning(text: string): Promise<number>;
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
    async backendRunning(text) {
      for (;;) {
        const { rows } = await ready(admin).query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE state = 'active' AND starts_with(query, $1)", [text]);
        if (rows[0]) return rows[0].pid;
        await sleep(20);
      }
    },
  };
}

