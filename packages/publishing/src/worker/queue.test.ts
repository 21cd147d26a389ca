// The queue's promises, against the real database: one build per store at a time without holding up other stores,
// no build claimed twice however many workers ask at once, batch concurrency, and builds taken back from workers
// that stopped renewing their lease.
import { randomUUID } from "node:crypto";
import { Database } from "@kaidian/db";
import { isolatedTestDatabase } from "@kaidian/db/testing";
import { arrangeStore } from "@kaidian/storefront/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestBuild } from "../builds";
import { BuildRecord, BuildTakenBackError } from "./build-record";
import { claimBuild, finishBuild, reclaimExpired, renewLease, type LeaseOptions } from "./queue";

let db: Database;
let admin: pg.Client;
let userId: string;
let database: Awaited<ReturnType<typeof isolatedTestDatabase>>;

beforeAll(async () => {
  // Claims take any store's builds: this file works in a database of its own.
  database = await isolatedTestDatabase();
  db = new Database(database.url, { maxConnections: 8 });
  admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  userId = (await db.scoped({}, (tx) => tx.user.create({ data: { email: `q-${randomUUID()}@example.test`, name: "Q", passwordHash: "x" }, select: { id: true } }))).id;
});
afterAll(async () => {
  await admin.end();
  await db.disconnect();
  await database.drop();
});

const lease = (workerId = `w-${randomUUID().slice(0, 6)}`, leaseMs = 60_000): LeaseOptions => ({ workerId, leaseMs });

async function store(name = "队列店") {
  const tenantId = await arrangeStore(db, { name, templateId: "ecommerce", publish: true });
  return { id: tenantId, templateId: "ecommerce" as const, status: "ACTIVE" as const };
}

const queue = (s: Awaited<ReturnType<typeof store>>, batchId?: string) =>
  db.scoped({ tenantId: s.id }, (tx) => requestBuild(tx, s, { id: userId, ip: "127.0.0.1" }, { purpose: "UPLOAD", version: "1.0.0", description: "测试" }, { batchId }));

/** Claims until the queue has nothing due, as `workers` workers would. */
async function drain(workers = 1) {
  const claimed = [];
  for (;;) {
    const round = (await Promise.all(Array.from({ length: workers }, () => claimBuild(db, lease())))).filter((c) => c !== null);
    if (round.length === 0) return claimed;
    claimed.push(...round);
  }
}

async function clearQueue() {
  await admin.query(`UPDATE builds SET status = 'FAILED', worker_id = NULL, lease_expires_at = NULL WHERE status IN ('QUEUED', 'RUNNING')`);
}

describe("the build queue", () => {
  it("runs a store's builds one after the other while other stores' builds go ahead", async () => {
    await clearQueue();
    const a = await store("甲");
    const b = await store("乙");
    const a1 = await queue(a);
    const a2 = await queue(a);
    const b1 = await queue(b);

    const first = await drain(3);
    // a2 waits behind a1; b1 is not held up by a2 although a2 was queued earlier.
    expect(first.map((c) => c.id).sort()).toEqual([a1.id, b1.id].sort());
    const a1Claim = first.find((c) => c.id === a1.id)!;
    const worker = await workerOf(a1.id);
    expect(await db.scoped({ tenantId: a.id }, (tx) => finishBuild(tx, a1Claim, worker, { status: "SUCCEEDED" }))).toBe(true);
    const next = await drain(3);
    expect(next.map((c) => c.id)).toEqual([a2.id]);
  });

  it("never hands one build to two workers, however many ask at once", async () => {
    await clearQueue();
    const stores = await Promise.all(Array.from({ length: 6 }, (_, i) => store(`并发${i}`)));
    const queued = await Promise.all(stores.map((s) => queue(s)));
    const claims = (await Promise.all(Array.from({ length: 12 }, () => claimBuild(db, lease())))).filter((c) => c !== null);
    expect(claims.map((c) => c.id).sort()).toEqual(queued.map((q) => q.id).sort());
    expect(new Set(claims.map((c) => c.id)).size).toBe(claims.length);
  });

  it("keeps a store at one running build in the schema itself", async () => {
    await clearQueue();
    const s = await store();
    const one = await queue(s);
    const two = await queue(s);
    await admin.query(`UPDATE builds SET status = 'RUNNING' WHERE id = $1`, [one.id]);
    await expect(admin.query(`UPDATE builds SET status = 'RUNNING' WHERE id = $1`, [two.id])).rejects.toThrow(/builds_one_running_per_store/);
  });

  it("runs at most a batch's concurrency of its builds at once", async () => {
    await clearQueue();
    const stores = await Promise.all(Array.from({ length: 4 }, (_, i) => store(`批量${i}`)));
    const agency = await db.scoped({}, (tx) => tx.agency.create({ data: { name: "批量代理", slug: `agency-${randomUUID().slice(0, 8)}` }, select: { id: true } }));
    const batch = await db.scoped({ userId }, (tx) =>
      tx.publishBatch.create({ data: { agencyId: agency.id, version: "2.0.0", description: "批量", concurrency: 2, createdById: userId }, select: { id: true } }),
    );
    for (const s of stores) await queue(s, batch.id);
    const running = await drain(4);
    expect(running).toHaveLength(2);
    const done = running[0]!;
    const worker = await workerOf(done.id);
    await db.scoped({ tenantId: done.tenantId }, (tx) => finishBuild(tx, done, worker, { status: "FAILED", errorCode: "x", errorParams: {} }));
    expect(await drain(4)).toHaveLength(1);
  });

  it("waits out a retry's delay before running the build again", async () => {
    await clearQueue();
    const s = await store();
    await queue(s);
    const [claimed] = await drain();
    const worker = await workerOf(claimed!.id);
    await db.scoped({ tenantId: s.id }, (tx) => finishBuild(tx, claimed!, worker, { status: "RETRY", delayMs: 60_000, errorCode: "wechat.network", errorParams: {} }));
    expect(await drain()).toEqual([]);
    await admin.query(`UPDATE builds SET run_after = now() WHERE id = $1`, [claimed!.id]);
    expect(await drain()).toMatchObject([{ id: claimed!.id, attempts: 2 }]);
  });

  it("takes back a build whose worker stopped renewing: queued again while attempts remain, then failed", async () => {
    await clearQueue();
    const s = await store();
    const { id } = await queue(s);
    await admin.query(`UPDATE builds SET max_attempts = 2 WHERE id = $1`, [id]);
    const silent = lease("silent-worker", 200);
    expect(await claimBuild(db, silent)).toMatchObject({ id, attempts: 1 });
    await new Promise((r) => setTimeout(r, 400));

    expect(await reclaimExpired(db, 0)).toEqual([{ tenantId: s.id, id, retried: true }]);
    // The silent worker cannot renew or finish what is no longer its build.
    const stale = { tenantId: s.id, id, number: 1, attempts: 1, maxAttempts: 2 };
    expect(await renewLease(db, stale, silent)).toBe(false);
    expect(await db.scoped({ tenantId: s.id }, (tx) => finishBuild(tx, stale, "silent-worker", { status: "SUCCEEDED" }))).toBe(false);

    expect(await claimBuild(db, lease("second", 200))).toMatchObject({ id, attempts: 2 });
    await new Promise((r) => setTimeout(r, 400));
    expect(await reclaimExpired(db, 0)).toEqual([{ tenantId: s.id, id, retried: false }]);
    const { rows } = await admin.query(`SELECT status, error_code, error_params FROM builds WHERE id = $1`, [id]);
    expect(rows[0]).toEqual({ status: "FAILED", error_code: "build.workerLost", error_params: { attempt: 2, attempts: 2 } });
  });

  it("stops a worker that lost its build from writing over the next attempt's record", async () => {
    await clearQueue();
    const s = await store();
    const { id } = await queue(s);
    const claimed = (await claimBuild(db, lease("slow-worker", 200)))!;
    const record = new BuildRecord(db, { tenantId: s.id, id }, "slow-worker", [{ step: "checks", status: "pending" }]);
    await record.start("checks");
    await new Promise((r) => setTimeout(r, 400));
    await reclaimExpired(db, 0);
    await claimBuild(db, lease("next-worker"));
    await expect(record.finish("checks", "done")).rejects.toBeInstanceOf(BuildTakenBackError);
    await expect(record.update({ contentHash: "stale" })).rejects.toBeInstanceOf(BuildTakenBackError);
    const { rows } = await admin.query(`SELECT worker_id, content_hash, steps FROM builds WHERE id = $1`, [claimed.id]);
    expect(rows[0]).toMatchObject({ worker_id: "next-worker", content_hash: null, steps: [{ step: "checks", status: "failed" }] });
  });

  it("lets the queue see builds across stores only when asked for by name, and nothing else of theirs", async () => {
    await clearQueue();
    const s = await store();
    await queue(s);
    const other = await store("旁人");
    expect(await db.scoped({ tenantId: other.id }, (tx) => tx.build.count({ where: { tenantId: s.id } }))).toBe(0);
    expect(await db.buildQueue((tx) => tx.build.count({ where: { tenantId: s.id } }))).toBe(1);
    await expect(db.buildQueue((tx) => tx.catalogItem.count({ where: { tenantId: s.id } }))).rejects.toThrow(/permission denied/);
    await expect(db.buildQueue((tx) => tx.buildLog.count())).rejects.toThrow(/permission denied/);
  });

  it("keeps the dashboard's role out of the queue, whatever it sets", async () => {
    await clearQueue();
    const s = await store();
    await queue(s);
    const [seen, changed] = await db.scoped({}, async (tx) => {
      await tx.$executeRaw`SELECT set_config('app.build_queue', 'on', true)`;
      return [
        await tx.build.count({ where: { tenantId: s.id } }),
        (await tx.build.updateMany({ where: { tenantId: s.id }, data: { status: "FAILED" } })).count,
      ];
    });
    expect([seen, changed]).toEqual([0, 0]);
    const { rows } = await admin.query(`SELECT status FROM builds WHERE tenant_id = $1`, [s.id]);
    expect(rows).toEqual([{ status: "QUEUED" }]);
  });
});

async function workerOf(buildId: string): Promise<string> {
  const { rows } = await admin.query<{ worker_id: string }>(`SELECT worker_id FROM builds WHERE id = $1`, [buildId]);
  return rows[0]!.worker_id;
}
