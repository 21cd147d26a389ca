import { randomUUID } from "node:crypto";
import type { Database } from "@kaidian/db";
import { testDatabase } from "@kaidian/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSiteSnapshot, type SkippedRow } from "./index";
import { arrangeStore } from "./testing";

let db: Database;
beforeAll(() => {
  db = testDatabase();
});
afterAll(() => db.disconnect());

const apiBaseUrl = (tenantId: string) => `https://kaidian.example.com/api/mp/v1/${tenantId}`;

describe("the generator's snapshot", () => {
  it("is the latest config version, draft or not, with the catalog and the store's API base", async () => {
    const tenantId = await arrangeStore(db, { name: "老店", templateId: "restaurant", publish: true });
    const first = (await loadSiteSnapshot(db, tenantId, { apiBaseUrl: `${apiBaseUrl(tenantId)}/` }))!;
    await db.scoped({ tenantId }, (tx) =>
      tx.configVersion.create({
        data: { tenantId, number: 2, templateId: "restaurant", schemaVersion: 2, config: { ...first.site.config, store: { ...first.site.config.store, name: "新店名" } } },
      }),
    );

    const latest = await loadSiteSnapshot(db, tenantId, { apiBaseUrl: apiBaseUrl(tenantId) });
    expect(latest).toMatchObject({ apiBase: apiBaseUrl(tenantId), site: { tenantId, configVersion: 2, config: { store: { name: "新店名" } } } });
    expect(latest?.catalog).toEqual(first.catalog);
    expect(first.apiBase).toBe(apiBaseUrl(tenantId));

    const chosen = await loadSiteSnapshot(db, tenantId, { configVersion: 1, apiBaseUrl: apiBaseUrl(tenantId) });
    expect(chosen?.site).toMatchObject({ configVersion: 1, config: { store: { name: "老店" } } });
  });

  it("leaves out catalog rows their schema refuses, and tells the caller", async () => {
    const tenantId = await arrangeStore(db, { name: "民宿", templateId: "hotel" });
    const broken = randomUUID();
    await db.scoped({ tenantId }, (tx) => tx.catalogItem.create({ data: { tenantId, id: broken, kind: "ROOM", title: "旧房型", priceFen: 1 } }));
    const told: SkippedRow[] = [];
    const snapshot = await loadSiteSnapshot(db, tenantId, { apiBaseUrl: apiBaseUrl(tenantId), onSkipped: (rows) => told.push(...rows) });
    expect(snapshot?.catalog.items.map((i) => i.id)).not.toContain(broken);
    expect(told.map((row) => row.id)).toEqual([broken]);
  });

  it("is nothing for a version or a store that does not exist", async () => {
    const tenantId = await arrangeStore(db, { name: "小店", templateId: "ecommerce" });
    expect(await loadSiteSnapshot(db, tenantId, { configVersion: 7, apiBaseUrl: apiBaseUrl(tenantId) })).toBeNull();
    const unknown = randomUUID();
    expect(await loadSiteSnapshot(db, unknown, { apiBaseUrl: apiBaseUrl(unknown) })).toBeNull();
  });
});
