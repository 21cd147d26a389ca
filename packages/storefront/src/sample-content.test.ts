import type { Database } from "@kaidian/db";
import { testDatabase } from "@kaidian/db/testing";
import { templateList } from "@kaidian/templates";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalog, loadSiteSnapshot } from "./index";
import { arrangeStore } from "./testing";

let db: Database;
beforeAll(() => {
  db = testDatabase();
});
afterAll(() => db.disconnect());


describe.each(templateList)("a new $id store", (template) => {
  it("starts with the sample config as draft version 1, with the store's own name and details and none of the sample store's", async () => {
    const name = "一家名字很长很长很长很长很长很长很长很长的店铺啊";
    const contact = { phone: "021-5555 0101", address: "上海市徐汇区天平路 3 号" };
    const tenantId = await arrangeStore(db, { name, templateId: template.id, contact });
    const versions = await db.scoped({ tenantId }, (tx) => tx.configVersion.findMany({ select: { number: true, status: true, publishedAt: true } }));
    expect(versions).toEqual([{ number: 1, status: "DRAFT", publishedAt: null }]);

    const { site } = (await loadSiteSnapshot(db, tenantId, { apiBaseUrl: `https://kaidian.example.com/api/mp/v1/${tenantId}` }))!;
    expect(site.config.store).toEqual({ name, slogan: "", ...contact, hours: "", location: null });
    // Nothing shoppers see names the sample store.
    const sampleName = template.sample.config.store.name!;
    expect(JSON.stringify(site.config)).not.toContain(sampleName);
    expect(site.config.pages.home?.title).toBe(name.slice(0, 16));
    expect(site.config.tabBar).toEqual(template.sample.config.tabBar);
  });

  it("starts with the whole sample catalog under new ids, each item in its own category", async () => {
    const tenantId = await arrangeStore(db, { name: "样例", templateId: template.id });
    const { catalog, skipped } = await loadCatalog(db, tenantId);
    const sample = template.sample.catalog;
    expect(skipped).toEqual([]);
    expect(catalog.items.map((i) => i.title)).toEqual(sample.items.map((i) => i.title));
    const categoryIds = new Map(catalog.categories.map((c, index) => [sample.categories[index]?.id, c.id]));
    catalog.items.forEach((item, index) => {
      const sampleItem = sample.items[index]!;
      expect(item.id).not.toBe(sampleItem.id);
      expect(item.categoryId).toBe(categoryIds.get(sampleItem.categoryId!));
    });
  });

  // The sample's short category and item ids become UUIDs in the store; a sample config that linked to one would
  // link to nothing there.
  it("has a sample config that links to no sample catalog id", () => {
    const ids = new Set([...template.sample.catalog.categories, ...template.sample.catalog.items].map((row) => row.id));
    const found: string[] = [];
    JSON.stringify(template.sample.config, (key, value: unknown) => {
      if ((key === "categoryId" || key === "itemId") && typeof value === "string" && ids.has(value)) found.push(value);
      return value;
    });
    expect(found).toEqual([]);
  });
});
