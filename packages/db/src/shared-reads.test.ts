import { describe, expect, it } from "vitest";
import { sql, sqlState } from "./index";
import { twoStores } from "./testing/two-stores";

const stores = twoStores("reads", ["同行小店", "对门小店"]);
const { store, otherStore, addItem, titles } = stores;

describe("reads sent together (db.read)", () => {
  it("sends the reads given together on one connection, each in a transaction of its own, in the order given", async () => {
    const given = Array.from({ length: 20 }, () =>
      stores.db.read<{ backend: number; tx: string }>({ tenantId: store }, sql`SELECT pg_backend_pid() AS backend, txid_current()::text AS tx`),
    );
    const rows = (await Promise.all(given)).map(([row]) => row!);
    expect(new Set(rows.map((row) => row.backend)).size).toBe(1);
    const transactions = rows.map((row) => BigInt(row.tx));
    expect(transactions.every((tx, index) => index === 0 || tx > transactions[index - 1]!)).toBe(true);
  });

  it("fails only the read that fails: the ones after it on the connection are still answered", async () => {
    const outcomes = await Promise.allSettled([
      stores.db.read({ tenantId: store }, sql`SELECT 1 AS one`),
      stores.db.read({ tenantId: store }, sql`SELECT 1 / 0`),
      stores.db.read({ tenantId: store }, sql`SELECT 2 AS two`),
      stores.db.read({ tenantId: store }, sql`SELECT 1 / 0`),
      stores.db.read({ tenantId: store }, sql`SELECT 3 AS three`),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "rejected", "fulfilled", "rejected", "fulfilled"]);
    expect(sqlState((outcomes[1] as PromiseRejectedResult).reason)).toBe("22012");
    expect(outcomes.flatMap((outcome) => (outcome.status === "fulfilled" ? outcome.value : []))).toEqual([{ one: 1 }, { two: 2 }, { three: 3 }]);
  });

  it("refuses a write: a statement given as a read changes nothing", async () => {
    const outcomes = await Promise.allSettled([
      stores.db.read({ tenantId: store }, addItem(store, "written")),
      stores.db.read({ tenantId: store }, sql`SELECT count(*)::int AS items FROM catalog_items`),
    ]);
    expect(sqlState((outcomes[0] as PromiseRejectedResult).reason)).toBe("25006");
    expect((outcomes[1] as PromiseFulfilledResult<unknown>).value).toEqual([{ items: 0 }]);
    expect(await titles(store)).toEqual([]);
  });

  it("keeps each read's scope: sent together, each sees its own store's rows only, and no store is carried on", async () => {
    await stores.db.grouped({ tenantId: store }, addItem(store, "甲 这家的"));
    await stores.db.grouped({ tenantId: otherStore }, addItem(otherStore, "乙 对门的"));
    const titlesSeen = (scope: { tenantId?: string }) => stores.db.read<{ title: string }>(scope, sql`SELECT title FROM catalog_items ORDER BY title`);
    const seen = await Promise.all([
      titlesSeen({ tenantId: store }),
      titlesSeen({ tenantId: otherStore }),
      stores.db.read({ tenantId: store }, sql`SELECT title FROM catalog_items WHERE tenant_id = ${otherStore}::uuid`),
      titlesSeen({}),
      titlesSeen({ tenantId: store }),
    ]);
    expect(seen).toEqual([[{ title: "甲 这家的" }], [{ title: "乙 对门的" }], [], [], [{ title: "甲 这家的" }]]);
  });

  it("drops a connection that breaks under a read, and answers the next ones on another", async () => {
    const cut = stores.db.read({ tenantId: store }, sql`SELECT pg_sleep(60) AS cut_read`).then(
      () => null,
      (error: unknown) => error,
    );
    const killed = await stores.backendRunning("SELECT pg_sleep(60) AS cut_read");
    await stores.admin.query("SELECT pg_terminate_backend($1)", [killed]);
    expect(await cut).toBeInstanceOf(Error);
    const answers = await Promise.all(Array.from({ length: 5 }, () => stores.db.read<{ backend: number }>({ tenantId: store }, sql`SELECT pg_backend_pid() AS backend`)));
    expect(answers.map(([row]) => row!.backend)).not.toContain(killed);
  });
});
