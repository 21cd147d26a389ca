import { describe, expect, it } from "vitest";
import { sql, sqlState } from "./index";
import { expectScopesKept, twoStores } from "./testing/two-stores";

const stores = twoStores("group", ["分组小店", "隔壁小店"]);
const { store, addItem, titles } = stores;

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

  it("keeps each statement's scope: no store's statement reaches another's rows, nor carries its store on", () =>
    expectScopesKept(stores, (scope, statement) => stores.db.grouped(scope, statement)));
});
