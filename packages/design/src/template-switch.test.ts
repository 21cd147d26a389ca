import type { Database, Transaction } from "@kaidian/db";
import { testDatabase, uniqueEmail } from "@kaidian/db/testing";
import { arrangeStore } from "@kaidian/storefront/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DraftConflictError, openDraft, previewTemplateSwitch, SameTemplateError, saveDraft, switchTemplate } from "./index";

let db: Database;
let ana: string;

beforeAll(async () => {
  db = testDatabase();
  ana = (await db.scoped({}, (tx) => tx.user.create({ data: { email: uniqueEmail("ana"), name: "安娜", passwordHash: "not-used" }, select: { id: true } }))).id;
});
afterAll(() => db.disconnect());

const inStore = <T>(tenantId: string, work: (tx: Transaction) => Promise<T>) => db.scoped({ tenantId }, work);

describe("switching a store's template", () => {
  it("moves the draft and the store to the new template, keeping the merchant's name, and adds sample items of the new kind", async () => {
    const tenantId = await arrangeStore(db, { name: "换模板店", templateId: "ecommerce" });
    const opened = await inStore(tenantId, (tx) => openDraft(tx, tenantId, ana));
    const saved = await inStore(tenantId, (tx) =>
      saveDraft(tx, { tenantId, userId: ana, number: opened.number, revision: opened.revision, config: { ...opened.config, store: { ...opened.config.store, name: "湖边小馆" } } }),
    );

    const preview = await inStore(tenantId, (tx) => previewTemplateSwitch(tx, tenantId, "restaurant"));
    expect(preview.sampleItemsAdded).toBe(true);
    expect(preview.added).toContainEqual(expect.objectContaining({ page: "order", type: "menu" }));

    const { draft } = await inStore(tenantId, (tx) =>
      switchTemplate(tx, { tenantId, userId: ana, number: saved.number, revision: saved.revision, templateId: "restaurant" }),
    );
    expect(draft).toMatchObject({ revision: saved.revision + 1, config: { templateId: "restaurant", store: { name: "湖边小馆" } } });
    const after = await inStore(tenantId, async (tx) => ({
      tenant: await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { templateId: true } }),
      kinds: await tx.catalogItem.groupBy({ by: ["kind"], where: { tenantId }, _count: true }),
    }));
    expect(after.tenant.templateId).toBe("restaurant");
    // The products stay; dishes arrive so the menu is not empty.
    expect(after.kinds.map((row) => row.kind).sort()).toEqual(["DISH", "PRODUCT"]);
  });

  it("refuses a switch from a stale revision and changes nothing", async () => {
    const tenantId = await arrangeStore(db, { name: "并发店", templateId: "hotel" });
    const opened = await inStore(tenantId, (tx) => openDraft(tx, tenantId, ana));
    await inStore(tenantId, (tx) => saveDraft(tx, { tenantId, userId: ana, number: opened.number, revision: opened.revision, config: opened.config }));

    const stale = inStore(tenantId, (tx) => switchTemplate(tx, { tenantId, userId: ana, number: opened.number, revision: opened.revision, templateId: "ecommerce" }));
    await expect(stale).rejects.toBeInstanceOf(DraftConflictError);
    const tenant = await inStore(tenantId, (tx) => tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { templateId: true } }));
    expect(tenant.templateId).toBe("hotel");
    expect((await inStore(tenantId, (tx) => openDraft(tx, tenantId))).config.templateId).toBe("hotel");
  });

  it("refuses switching to the template the store already uses", async () => {
    const tenantId = await arrangeStore(db, { name: "同模板店", templateId: "hotel" });
    await expect(inStore(tenantId, (tx) => previewTemplateSwitch(tx, tenantId, "hotel"))).rejects.toBeInstanceOf(SameTemplateError);
  });
});
