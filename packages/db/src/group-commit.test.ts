import { describe, expect, it } from "vitest";
import { sql, sqlState } from "./index";
import { twoStores } from "./testing/two-stores";

const stores = twoStores("group", ["分组小店", "隔壁小店"]);
const { store, otherStore, addItem, titles } = stores;

describe("statements committed together (db.grouped)", () => {
  it("runs the first statement at once, and those given while it runs in one transaction after it", async () => {
    const given = Array.from({ length: 20 }, () => stores.db.grouped<{ tx: string }>({ tenantId: store }, sql`SELECT txid_current()::text AS tx`));
    const transactions = (await Promise.all(given)).map(([row]) => row!.tx);
    expect(new Set(transactions.slice(1)).size).toBe(1);
    expect(transactions[0]).not.toBe(transactions[1]);
  });

  it("refuses only the statement that fails; the rest of its group is committed, each once", async () => {
    const outcomes = await Promise.allSettled([
      stores.db.grouped({ tenantId: store }, addItem(store, "a 第一")),
      stores.db.grouped({ tenantId: store }, addItem(store, "b 第二")),
      stores.db.grouped({ tenantId: store }, sql`SELECT 1 / 0`),
      stores.db.grouped({ tenantId: store }, addItem(store, "c 第三")),
      stores.db.grouped({ tenantId: store }, sql`SELECT 1 / 0`),
      stores.db.grouped({ tenantId: store }, addItem(store, "d 第四")),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled", "rejected", "fulfilled"]);
    expect(sqlState((outcomes[2] as PromiseRejectedResult).reason)).toBe("22012");
    expect((outcomes[5] as PromiseFulfilledResult<unknown>).value).toEqual([{ title: "d 第四" }]);
    expect(await titles(store)).toEqual(["a 第一", "b 第二", "c 第三", "d 第四"]);
  });

  it("keeps each scope's row-level security: no store's statement reaches another's rows, nor carries its store on", async () => {
    const given = await Promise.allSettled([
      stores.db.grouped({ tenantId: store }, addItem(store, "e 第五")),
      stores.db.grouped({ tenantId: store }, addItem(otherStore, "planted")),
      stores.db.grouped({ tenantId: store }, sql`UPDATE catalog_items SET title = 'hijacked' WHERE tenant_id = ${otherStore}::uuid RETURNING id`),
      stores.db.grouped({ tenantId: otherStore }, sql`SELECT count(*)::int AS seen FROM catalog_items`),
      stores.db.grouped({}, sql`SELECT count(*)::int AS seen FROM catalog_items`),
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

  it("sends the next group while the one before runs: PostgreSQL does not wait for this process to read an answer", async () => {
    const first = stores.db.grouped({ tenantId: store }, sql`SELECT pg_sleep(0.3)`);
    const next = stores.db.grouped<{ at: Date }>({ tenantId: store }, sql`SELECT clock_timestamp() AS at`);
    // The process is busy past the first group's answer, as in a sale; the next group went out at the end of the turn.
    await new Promise((resolve) => setImmediate(resolve));
    const busyUntil = Date.now() + 1500;
    while (Date.now() < busyUntil);
    await first;
    const [{ at }] = (await next) as [{ at: Date }];
    expect(at.getTime()).toBeLessThan(busyUntil);
  });

  it("fails what a connection that breaks carried, and commits the next statement on another", async () => {
    const failure = (given: Promise<unknown>) => given.then(() => null, (error: unknown) => error);
    const cut = [failure(stores.db.grouped({ tenantId: store }, sql`SELECT pg_sleep(60) AS cut_grouped`)), failure(stores.db.grouped({ tenantId: store }, addItem(store, "z 断开")))];
    const killed = await stores.backendRunning("SELECT pg_sleep(60) AS cut_grouped");
    await stores.admin.query("SELECT pg_terminate_backend($1)", [killed]);
    for (const error of await Promise.all(cut)) expect(error).toBeInstanceOf(Error);
    const [row] = await stores.db.grouped<{ backend: number }>({ tenantId: store }, sql`SELECT pg_backend_pid() AS backend`);
    expect(row!.backend).not.toBe(killed);
    expect(await titles(store)).not.toContain("z 断开");
  });
});
