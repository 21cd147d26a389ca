import { randomUUID } from "node:crypto";
import type { Database } from "@kaidian/db";
import { testDatabase } from "@kaidian/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidConfigError, loadPublishedSite, publishConfigVersion, siteResponseSchema } from "./index";
import { arrangeStore } from "./testing";

let db: Database;
beforeAll(() => {
  db = testDatabase();
});
afterAll(() => db.disconnect());

async function saveVersion(tenantId: string, number: number, config: object, status: "DRAFT" | "PUBLISHED" = "DRAFT") {
  await db.scoped({ tenantId }, (tx) =>
    tx.configVersion.create({
      data: { tenantId, number, status, templateId: "restaurant", schemaVersion: 2, config, publishedAt: status === "PUBLISHED" ? new Date() : null },
    }),
  );
}

describe("the published site", () => {
  it("is nothing before the store publishes, and its version 1 after", async () => {
    const tenantId = await arrangeStore(db, { name: "巷口面馆", templateId: "restaurant" });
    expect(await loadPublishedSite(db, tenantId)).toBeNull();

    await db.scoped({ tenantId }, (tx) => publishConfigVersion(tx, tenantId, 1));
    const site = await loadPublishedSite(db, tenantId);
    expect(siteResponseSchema.parse(site)).toEqual(site);
    expect(site).toMatchObject({ apiVersion: 1, tenantId, configVersion: 1, config: { templateId: "restaurant", store: { name: "巷口面馆" } } });
    expect(site?.config.pages.home?.title).toBe("巷口面馆");
  });

  it("is the latest published version by number, never a newer draft", async () => {
    const tenantId = await arrangeStore(db, { name: "面馆", templateId: "restaurant", publish: true });
    const { config } = (await loadPublishedSite(db, tenantId))!;
    const renamed = (name: string) => ({ ...config, store: { ...config.store, name } });
    await saveVersion(tenantId, 2, renamed("第二版"), "PUBLISHED");
    await saveVersion(tenantId, 3, renamed("草稿"));
    expect(await loadPublishedSite(db, tenantId)).toMatchObject({ configVersion: 2, config: { store: { name: "第二版" } } });
  });

  it("is nothing for an unknown store, an id that is not a UUID, and a suspended store", async () => {
    expect(await loadPublishedSite(db, randomUUID())).toBeNull();
    expect(await loadPublishedSite(db, "shanye-coffee")).toBeNull();
    const tenantId = await arrangeStore(db, { name: "暂停营业", templateId: "hotel", publish: true });
    await db.scoped({ tenantId }, (tx) => tx.tenant.update({ where: { id: tenantId }, data: { status: "SUSPENDED" } }));
    expect(await loadPublishedSite(db, tenantId)).toBeNull();
  });

  it("refuses a saved config its template does not accept, naming the problems", async () => {
    const tenantId = await arrangeStore(db, { name: "坏配置", templateId: "restaurant" });
    await saveVersion(tenantId, 2, { schemaVersion: 2, templateId: "restaurant", store: { name: "" }, tabBar: [], pages: {} }, "PUBLISHED");
    const error = await loadPublishedSite(db, tenantId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidConfigError);
    expect((error as InvalidConfigError).problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: "store.name" }), expect.objectContaining({ path: "tabBar" })]),
    );
  });

  it("refuses a config written by a newer build instead of guessing", async () => {
    const tenantId = await arrangeStore(db, { name: "未来配置", templateId: "restaurant" });
    await saveVersion(tenantId, 2, { schemaVersion: 99, templateId: "restaurant" }, "PUBLISHED");
    await expect(loadPublishedSite(db, tenantId)).rejects.toMatchObject({ problems: [{ path: "schemaVersion" }] });
  });
});
