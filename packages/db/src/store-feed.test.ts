import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isUuid, StoreFeed, storeAnnouncement } from "./store-feed";
import { superuser, testDatabaseUrl } from "./testing";

const CHANNEL = "store_feed_test";
type Change = { item: string };
const parse = (payload: string) => {
  const fields = storeAnnouncement(payload);
  return fields && isUuid(fields.item) ? { tenant: fields.tenant, item: fields.item } : null;
};

let admin: pg.Client;
const announce = (payload: unknown) => admin.query("SELECT pg_notify($1, $2)", [CHANNEL, typeof payload === "string" ? payload : JSON.stringify(payload)]);

beforeAll(async () => {
  admin = await superuser();
});

afterAll(async () => {
  await admin.end();
});

describe("a store feed", () => {
  it("hands each announcement to its own store's subscribers only, and ignores what is not one", async () => {
    const errors: Error[] = [];
    const feed = new StoreFeed<Change>(testDatabaseUrl(), CHANNEL, parse, (error) => errors.push(error));
    const [mine, theirs] = [randomUUID(), randomUUID()];
    const heard: Change[] = [];
    const heardByThem: Change[] = [];
    const unsubscribe = await feed.subscribe(mine, { onChange: (change) => heard.push(change), onResync: () => {} });
    await feed.subscribe(theirs, { onChange: (change) => heardByThem.push(change), onResync: () => {} });
    try {
      expect(feed.connected).toBe(true);
      const [first, second, third] = [randomUUID(), randomUUID(), randomUUID()];
      await announce("not json");
      await announce({ tenant: "not-a-store", item: first });
      await announce({ tenant: mine, item: "not-an-id" });
      await announce({ tenant: mine, item: first, extra: "kept out" });
      await announce({ tenant: theirs, item: second });
      await expect.poll(() => heardByThem, { timeout: 10_000 }).toEqual([{ item: second }]);
      expect(heard).toEqual([{ item: first }]);
      unsubscribe();
      await announce({ tenant: mine, item: third });
      await announce({ tenant: theirs, item: third });
      await expect.poll(() => heardByThem.length, { timeout: 10_000 }).toBe(2);
      expect(heard).toHaveLength(1);
      expect(errors).toEqual([]);
    } finally {
      await feed.stop();
    }
  });

  it("tells every subscriber to look again once its lost connection is back", async () => {
    const feed = new StoreFeed<Change>(testDatabaseUrl(), CHANNEL, parse);
    const store = randomUUID();
    let resyncs = 0;
    const heard: Change[] = [];
    await feed.subscribe(store, { onChange: (change) => heard.push(change), onResync: () => resyncs++ });
    try {
      expect(resyncs).toBe(0);
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", [`listen:${CHANNEL}`]);
      await expect.poll(() => resyncs, { timeout: 20_000 }).toBe(1);
      expect(feed.connected).toBe(true);
      const item = randomUUID();
      await announce({ tenant: store, item });
      await expect.poll(() => heard, { timeout: 10_000 }).toEqual([{ item }]);
    } finally {
      await feed.stop();
    }
  });
});
