// Bulk publishing as an agency publisher does it: one build per store in the batch, each in its store's scope, read
// back through the agency's view; stores of another agency cannot be slipped in. Nothing here claims builds.
import { randomBytes, randomUUID } from "node:crypto";
import { listAuditEvents } from "@kaidian/audit";
import type { Database } from "@kaidian/db";
import { testDatabase, uniqueEmail } from "@kaidian/db/testing";
import { agencyOf } from "@kaidian/tenancy";
import { testUploadKey } from "@kaidian/wechat/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBatch, retryFailed, startBatch, type Publisher } from "./batches";
import { arrangePublishableStore } from "./testing";

let db: Database;
const masterKey = randomBytes(32);
const key = testUploadKey();

beforeAll(() => {
  db = testDatabase();
});
afterAll(() => db.disconnect());

async function agencyWithPublisher(name: string): Promise<{ publisher: Publisher; agencyId: string }> {
  const { agencyId, userId } = await db.scoped({}, async (tx) => {
    const agency = await tx.agency.create({ data: { name, slug: `a-${randomUUID().slice(0, 8)}` }, select: { id: true } });
    const user = await tx.user.create({ data: { email: uniqueEmail("publisher"), name: "发布员", passwordHash: "x" }, select: { id: true } });
    await tx.agencyMember.create({ data: { agencyId: agency.id, userId: user.id, role: "PUBLISHER" } });
    return { agencyId: agency.id, userId: user.id };
  });
  return { publisher: { userId, membership: (await agencyOf(db, userId))! }, agencyId };
}

describe("bulk publishing", () => {
  it("queues one build per store, shows them all in the batch, and retries only the failed ones", async () => {
    const { publisher, agencyId } = await agencyWithPublisher("代理甲");
    const stores = await Promise.all(
      (["ecommerce", "hotel", "restaurant"] as const).map((templateId) => arrangePublishableStore(db, { templateId, privateKey: key.privateKey, masterKey, agencyId })),
    );
    const batch = await startBatch(db, publisher, { version: "5.0.0", description: "五一活动", concurrency: 2, stores: stores.map((s) => s.tenantId) }, "198.51.100.20");
    for (const store of stores) {
      const [event] = await db.scoped({ tenantId: store.tenantId }, (tx) => listAuditEvents(tx, store.tenantId));
      expect(event).toMatchObject({ action: "build.uploadRequested", actor: { id: publisher.userId, name: "发布员" }, ip: "198.51.100.20", details: { build: 1, version: "5.0.0" } });
    }

    const view = await readBatch(db, publisher, batch.id);
    expect(view).toMatchObject({ version: "5.0.0", description: "五一活动", concurrency: 2, counts: { QUEUED: 3, RUNNING: 0, SUCCEEDED: 0, FAILED: 0 } });
    expect(view.rows.map((row) => row.store.id).sort()).toEqual(stores.map((s) => s.tenantId).sort());
    for (const store of stores) {
      const builds = await db.scoped({ tenantId: store.tenantId }, (tx) => tx.build.findMany({ select: { version: true, description: true, batchId: true, purpose: true } }));
      expect(builds).toEqual([{ version: "5.0.0", description: "五一活动", batchId: batch.id, purpose: "UPLOAD" }]);
    }

    await expect(retryFailed(db, publisher, batch.id, "198.51.100.20")).rejects.toMatchObject({ code: "batch.nothingToRetry" });
    const failed = stores[1]!;
    await db.scoped({ tenantId: failed.tenantId }, (tx) => tx.build.updateMany({ data: { status: "FAILED", errorCode: "wechat.ipNotWhitelisted", errorParams: { ip: "203.0.113.9" } } }));
    expect(await retryFailed(db, publisher, batch.id, "198.51.100.20")).toBe(1);
    const after = await readBatch(db, publisher, batch.id);
    const retried = after.rows.find((row) => row.store.id === failed.tenantId)!;
    expect(retried).toMatchObject({ earlier: 1, build: { number: 2, status: "QUEUED" } });
    expect(after.counts).toEqual({ QUEUED: 3, RUNNING: 0, SUCCEEDED: 0, FAILED: 0 });
  });

  it("refuses a store of another agency, queuing nothing, and hides the batch from other agencies", async () => {
    const mine = await agencyWithPublisher("代理乙");
    const theirs = await agencyWithPublisher("代理丙");
    const myStore = await arrangePublishableStore(db, { templateId: "hotel", privateKey: key.privateKey, masterKey, agencyId: mine.agencyId });
    const theirStore = await arrangePublishableStore(db, { templateId: "hotel", privateKey: key.privateKey, masterKey, agencyId: theirs.agencyId });

    await expect(startBatch(db, mine.publisher, { version: "1.0.0", description: "x", concurrency: 1, stores: [myStore.tenantId, theirStore.tenantId] }, "198.51.100.20")).rejects.toMatchObject({
      code: "store.notFound",
    });
    expect(await db.scoped({ tenantId: myStore.tenantId }, (tx) => tx.build.count())).toBe(0);
    expect(await db.scoped({ tenantId: theirStore.tenantId }, (tx) => tx.build.count())).toBe(0);

    const batch = await startBatch(db, mine.publisher, { version: "1.0.0", description: "x", concurrency: 1, stores: [myStore.tenantId] }, "198.51.100.20");
    await expect(readBatch(db, theirs.publisher, batch.id)).rejects.toMatchObject({ code: "batch.notFound" });
    // Their members' view of builds outside a store does not reach my stores' builds.
    expect(await db.scoped({ userId: theirs.publisher.userId }, (tx) => tx.build.count({ where: { tenantId: myStore.tenantId } }))).toBe(0);
    expect(await db.scoped({ userId: mine.publisher.userId }, (tx) => tx.build.count({ where: { tenantId: myStore.tenantId } }))).toBe(1);
  });
});
