import { describe, expect, it } from "vitest";
import { sql, sqlState } from "./index";
import { expectScopesKept, twoStores } from "./testing/two-stores";

const stores = twoStores("shared", ["同行小店", "对门小店"]);
const { store, addItem, titles } = stores;

describe("statements sent together (db.statement)", () => {
  it("sends the statements given together on one connection, each in a transaction of its own", async () => {
    const given = Array.from({ length: 20 }, (_, index) =>
      stores.db.statement<{ backend: number; tx: string; index: number }>({ tenantId: store }, sql`SELECT pg_backend_pid() AS backend, txid_current()::text AS tx, ${index}::int AS index`),
    );
    const rows = (await Promise.all(given)).map(([row]) => row!);
    expect(rows.map((row) => row.index)).toEqual(Array.from({ length: 20 }, (_, index) => index));
    expect(new Set(rows.map((row) => row.backend)).size).toBe(1);
    expect(new Set(rows.map((row) => row.tx)).size).toBe(20);
  });

  it("fails only the statement that fails: the ones after it on the connection still run and are kept", async () => {
    const outcomes = await Promise.allSettled([
      stores.db.statement({ tenantId: store }, addItem(store, "a 第一")),
      stores.db.statement({ tenantId: store }, sql`WITH planted AS (INSERT INTO catalog_items (tenant_id, kind, title, price_fen, updated_at)
        VALUES (${store}::uuid, 'PRODUCT', 'undone', 100, now()) RETURNING 1) SELECT 1 / 0 FROM planted`),
      stores.db.statement({ tenantId: store }, addItem(store, "b 第二")),
      stores.db.statement({ tenantId: store }, sql`SELECT 1 / 0`),
      stores.db.statement({ tenantId: store }, addItem(store, "c 第三")),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "rejected", "fulfilled", "rejected", "fulfilled"]);
    expect(sqlState((outcomes[1] as PromiseRejectedResult).reason)).toBe("22012");
    expect((outcomes[4] as PromiseFulfilledResult<unknown>).value).toEqual([{ title: "c 第三" }]);
    expect(await titles(store)).toEqual(["a 第一", "b 第二", "c 第三"]);
  });

  it("keeps each statement's scope: no store's statement reaches another's rows, nor carries its store on", () =>
    expectScopesKept(stores, (scope, statement) => stores.db.statement(scope, statement)));

  it("drops a connection that breaks under a statement, and answers the next ones on another", async () => {
    const cut = stores.db.statement({ tenantId: store }, sql`SELECT pg_sleep(5)`).then(() => null, (error: unknown) => error);
    let killed: number | undefined;
    while (killed === undefined) {
      const { rows } = await stores.admin.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'SELECT pg_sleep(5)%'");
      killed = rows[0]?.pid;
    }
    await stores.admin.query("SELECT pg_terminate_backend($1)", [killed]);
    expect(await cut).toBeInstanceOf(Error);
    const answers = await Promise.all(Array.from({ length: 5 }, () => stores.db.statement<{ backend: number }>({ tenantId: store }, sql`SELECT pg_backend_pid() AS backend`)));
    expect(answers.map(([row]) => row!.backend)).not.toContain(killed);
  });
});
