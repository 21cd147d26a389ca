import type { Database, Transaction } from "@kaidian/db";
import { testDatabase, uniqueEmail } from "@kaidian/db/testing";
import { InvalidConfigError, loadPublishedSite } from "@kaidian/storefront";
import { arrangeStore } from "@kaidian/storefront/testing";
import { setStoreInfo } from "@kaidian/templates";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DraftConflictError, editDraft, InvalidDraftError, listVersions, openDraft, publishDraft, restoreVersion, saveDraft, type Draft } from "./index";

let db: Database;
let ana: string;
let bo: string;

beforeAll(async () => {
  db = testDatabase();
  const person = (name: string) =>
    db.scoped({}, (tx) => tx.user.create({ data: { email: uniqueEmail(name), name, passwordHash: "not-used" }, select: { id: true } }));
  ana = (await person("安娜")).id;
  bo = (await person("Bo")).id;
});
afterAll(() => db.disconnect());

const inStore = <T>(tenantId: string, work: (tx: Transaction) => Promise<T>) => db.scoped({ tenantId }, work);

function renamed(draft: Draft, name: string) {
  return { ...draft.config, store: { ...draft.config.store, name } };
}

describe("saving the draft", () => {
  it("saves over the revision it opened, and refuses a stale save naming who saved in between", async () => {
    const tenantId = await arrangeStore(db, { name: "草稿店", templateId: "ecommerce" });
    const opened = await inStore(tenantId, (tx) => openDraft(tx, tenantId, ana));
    expect(opened).toMatchObject({ number: 1, revision: 0 });

    const byAna = await inStore(tenantId, (tx) => saveDraft(tx, { tenantId, userId: ana, number: 1, revision: 0, config: renamed(opened, "安娜改的") }));
    expect(byAna).toMatchObject({ revision: 1, config: { store: { name: "安娜改的" } }, updatedBy: { name: "安娜" } });

    const stale = inStore(tenantId, (tx) => saveDraft(tx, { tenantId, userId: bo, number: 1, revision: 0, config: renamed(opened, "Bo's edit") }));
    await expect(stale).rejects.toBeInstanceOf(DraftConflictError);
    await expect(stale).rejects.toMatchObject({ current: { number: 1, revision: 1, updatedBy: { name: "安娜" } } });
    expect((await inStore(tenantId, (tx) => openDraft(tx, tenantId))).config.store.name).toBe("安娜改的");
  });

  it("keeps one store name: a rename in store info renames the store and the page titled after it", async () => {
    const tenantId = await arrangeStore(db, { name: "旧名字", templateId: "restaurant" });
    const opened = await inStore(tenantId, (tx) => openDraft(tx, tenantId, ana));
    const config = setStoreInfo(opened.config, { ...opened.config.store, name: "新名字面馆" });
    expect(config.pages.home?.title).toBe("新名字面馆");
    await inStore(tenantId, (tx) => saveDraft(tx, { tenantId, userId: ana, number: 1, revision: 0, config }));
    const tenant = await inStore(tenantId, (tx) => tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { name: true } }));
    expect(tenant.name).toBe("新名字面馆");
    // A page title the merchant chose is theirs: a rename leaves it.
    const titled = setStoreInfo({ ...config, pages: { ...config.pages, home: { ...config.pages.home!, title: "欢迎光临" } } }, { ...config.store, name: "又一个名字" });
    expect(titled.pages.home?.title).toBe("欢迎光临");
  });

  it("refuses a config its template does not accept, saying where, and keeps the saved draft", async () => {
    const tenantId = await arrangeStore(db, { name: "校验店", templateId: "hotel" });
    const draft = await inStore(tenantId, (tx) => openDraft(tx, tenantId, ana));
    const bad = { ...draft.config, tabBar: draft.config.tabBar.slice(0, 1) };
    const error = await inStore(tenantId, (tx) => saveDraft(tx, { tenantId, userId: ana, number: 1, revision: 0, config: bad })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidDraftError);
    expect((error as InvalidDraftError).problems).toEqual([{ path: "tabBar", message: "The tab bar needs 2 to 5 tabs" }]);
    expect(await inStore(tenantId, (tx) => openDraft(tx, tenantId))).toMatchObject({ revision: 0, config: { tabBar: draft.config.tabBar } });
  });

  it("cannot touch another store's draft", async () => {
    const mine = await arrangeStore(db, { name: "我的店", templateId: "restaurant" });
    const theirs = await arrangeStore(db, { name: "别人的店", templateId: "restaurant" });
    const draft = await inStore(mine, (tx) => openDraft(tx, mine, ana));
    // Acting in my store's scope but naming theirs: row-level security leaves nothing to update.
    const attempt = inStore(mine, (tx) => saveDraft(tx, { tenantId: theirs, userId: ana, number: 1, revision: 0, config: renamed(draft, "偷改") }));
    await expect(attempt).rejects.toThrow(/No record was found/);
    expect((await inStore(theirs, (tx) => openDraft(tx, theirs))).config.store.name).toBe("别人的店");
  });
});

describe("publishing, history and restore", () => {
  it("publishes an immutable version, opens the next draft from it, lists who did what, and restores an old version as a new draft", async () => {
    const tenantId = await arrangeStore(db, { name: "历史店", templateId: "ecommerce" });
    const first = await inStore(tenantId, (tx) => openDraft(tx, tenantId, ana));
    await inStore(tenantId, (tx) => publishDraft(tx, { tenantId, userId: ana, number: 1, revision: 0 }));
    expect((await loadPublishedSite(db, tenantId))?.configVersion).toBe(1);

    const second = await inStore(tenantId, (tx) => openDraft(tx, tenantId, bo));
    expect(second).toMatchObject({ number: 2, revision: 0, config: first.config });
    const edited = await inStore(tenantId, (tx) => saveDraft(tx, { tenantId, userId: bo, number: 2, revision: 0, config: renamed(second, "历史店 · 新") }));
    await expect(inStore(tenantId, (tx) => publishDraft(tx, { tenantId, userId: bo, number: 2, revision: 0 }))).rejects.toBeInstanceOf(DraftConflictError);
    await inStore(tenantId, (tx) => publishDraft(tx, { tenantId, userId: bo, number: 2, revision: edited.revision }));
    expect((await loadPublishedSite(db, tenantId))?.config.store.name).toBe("历史店 · 新");

    const restored = await inStore(tenantId, (tx) => restoreVersion(tx, { tenantId, userId: ana, number: 1 }));
    expect(restored).toMatchObject({ number: 3, restoredFrom: 1, config: { store: { name: "历史店" } } });

    const history = await inStore(tenantId, (tx) => listVersions(tx, tenantId));
    expect(history.map((v) => [v.number, v.status, v.restoredFrom])).toEqual([
      [3, "DRAFT", 1],
      [2, "PUBLISHED", null],
      [1, "PUBLISHED", null],
    ]);
    expect(history[1]).toMatchObject({ publishedBy: { name: "Bo" }, updatedBy: { name: "Bo" }, changes: [{ code: "store", fields: ["name"] }] });
    expect(history[0]!.changes).toEqual([{ code: "store", fields: ["name"] }]);
    expect(history[2]!.changes).toBeNull();
  });

  it("refuses to publish a draft that does not pass its template, and leaves it a draft", async () => {
    const tenantId = await arrangeStore(db, { name: "坏稿店", templateId: "hotel" });
    await inStore(tenantId, (tx) =>
      tx.configVersion.update({ where: { tenantId_number: { tenantId, number: 1 } }, data: { config: { schemaVersion: 2, templateId: "hotel" } } }),
    );
    await expect(inStore(tenantId, (tx) => publishDraft(tx, { tenantId, userId: ana, number: 1, revision: 0 }))).rejects.toBeInstanceOf(InvalidConfigError);
    expect(await loadPublishedSite(db, tenantId)).toBeNull();
  });
});

describe("editing part of the draft", () => {
  it("applies a store-info edit to the revision it opened, and refuses it on a stale one", async () => {
    const tenantId = await arrangeStore(db, { name: "局部店", templateId: "restaurant" });
    const draft = await inStore(tenantId, (tx) => openDraft(tx, tenantId, ana));
    const base = { tenantId, userId: ana, number: draft.number, revision: draft.revision };
    const edited = await inStore(tenantId, (tx) => editDraft(tx, base, (config) => ({ ...config, store: { ...config.store, hours: "全天" } })));
    expect(edited).toMatchObject({ revision: 1, config: { store: { name: "局部店", hours: "全天" } } });
    await expect(inStore(tenantId, (tx) => editDraft(tx, base, (config) => config))).rejects.toBeInstanceOf(DraftConflictError);
  });
});
