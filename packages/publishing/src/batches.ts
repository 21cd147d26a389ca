// An agency publisher's bulk publish: one version and description for many stores, queued as one build per store,
// at most `concurrency` of them running at once. A store that fails does not stop the others; retrying queues new
// builds for the failed stores only.
import { DomainError, NotFoundError } from "@kaidian/accounts";
import type { Database } from "@kaidian/db";
import { can, inStore, resolveStore, type AgencyMembership } from "@kaidian/tenancy";
import { releaseDescriptionSchema, releaseVersionSchema } from "@kaidian/wechat";
import { z } from "zod";
import { lockStoreBuilds, requestBuild, type StepState } from "./builds";

export const BATCH_CONCURRENCY_MAX = 10;
export const BATCH_STORES_MAX = 200;

export const batchInputSchema = z.object({
  version: releaseVersionSchema,
  description: releaseDescriptionSchema,
  concurrency: z.coerce.number({ error: "batch.concurrency.invalid" }).int().min(1, { error: "batch.concurrency.invalid" }).max(BATCH_CONCURRENCY_MAX, { error: "batch.concurrency.invalid" }),
  stores: z
    .array(z.string().uuid({ error: "batch.stores.required" }))
    .min(1, { error: "batch.stores.required" })
    .max(BATCH_STORES_MAX, { error: "batch.stores.tooMany" }),
});
export type BatchInput = z.infer<typeof batchInputSchema>;

export type Publisher = { userId: string; membership: AgencyMembership };

/** Creates the batch and queues a build for each store; every store must be one the publisher may publish. */
export async function startBatch(db: Database, publisher: Publisher, input: BatchInput, ip: string): Promise<{ id: string }> {
  // One store at a time: each check is a transaction, and hundreds at once would wait on the pool past its limit.
  const stores = [];
  for (const id of new Set(input.stores)) stores.push(await publishableStore(db, publisher, id));
  const batch = await db.scoped({ userId: publisher.userId }, (tx) =>
    tx.publishBatch.create({
      data: {
        agencyId: publisher.membership.agency.id,
        version: input.version,
        description: input.description,
        concurrency: input.concurrency,
        createdById: publisher.userId,
      },
      select: { id: true },
    }),
  );
  for (const access of stores) {
    await inStore(db, access, (tx) =>
      requestBuild(tx, access.store, { id: publisher.userId, ip }, { purpose: "UPLOAD", version: input.version, description: input.description }, { batchId: batch.id }),
    );
  }
  return batch;
}

export async function publishableStore(db: Database, publisher: Publisher, storeId: string) {
  const access = await resolveStore(db, publisher.userId, storeId);
  if (access.store.agencyId !== publisher.membership.agency.id || !can(access.roles, "publish")) throw new NotFoundError("store.notFound");
  return access;
}

export type BatchRow = {
  store: { id: string; name: string; slug: string; templateId: string };
  build: {
    number: number;
    status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED";
    step: string | null;
    attempts: number;
    maxAttempts: number;
    runAfter: Date;
    errorCode: string | null;
    errorParams: Record<string, string | number>;
    finishedAt: Date | null;
  };
  /** Earlier builds of this store in the batch (failed ones that were retried). */
  earlier: number;
};

export type BatchView = {
  id: string;
  version: string;
  description: string;
  concurrency: number;
  createdAt: Date;
  rows: BatchRow[];
  counts: Record<BatchRow["build"]["status"], number>;
};

/** The batch with the latest build of each store in it, read in the agency's scope; NotFoundError for another agency's. */
export async function readBatch(db: Database, publisher: Publisher, batchId: string): Promise<BatchView> {
  if (!z.string().uuid().safeParse(batchId).success) throw new NotFoundError("batch.notFound");
  return db.scoped({ userId: publisher.userId }, async (tx) => {
    const batch = await tx.publishBatch.findFirst({
      where: { id: batchId, agencyId: publisher.membership.agency.id },
      select: { id: true, version: true, description: true, concurrency: true, createdAt: true },
    });
    if (!batch) throw new NotFoundError("batch.notFound");
    const builds = await tx.build.findMany({
      where: { batchId },
      orderBy: { createdAt: "asc" },
      select: {
        tenantId: true, number: true, status: true, steps: true, attempts: true, maxAttempts: true, runAfter: true,
        errorCode: true, errorParams: true, finishedAt: true,
        tenant: { select: { id: true, name: true, slug: true, templateId: true } },
      },
    });
    const byStore = new Map<string, BatchRow>();
    for (const build of builds) {
      const previous = byStore.get(build.tenantId);
      const steps = build.steps as StepState[];
      byStore.set(build.tenantId, {
        store: build.tenant,
        build: {
          number: build.number,
          status: build.status,
          step: steps.find((step) => step.status === "running" || step.status === "failed")?.step ?? null,
          attempts: build.attempts,
          maxAttempts: build.maxAttempts,
          runAfter: build.runAfter,
          errorCode: build.errorCode,
          errorParams: (build.errorParams ?? {}) as Record<string, string | number>,
          finishedAt: build.finishedAt,
        },
        earlier: previous ? previous.earlier + 1 : 0,
      });
    }
    const rows = [...byStore.values()];
    const counts = { QUEUED: 0, RUNNING: 0, SUCCEEDED: 0, FAILED: 0 };
    for (const row of rows) counts[row.build.status]++;
    return { ...batch, rows, counts };
  });
}

/**
 * Queues a new build, in the same batch, for every store whose latest build in it failed; returns how many. Two
 * retries at once (a double click, two publishers) queue each store once.
 */
export async function retryFailed(db: Database, publisher: Publisher, batchId: string, ip: string): Promise<number> {
  const batch = await readBatch(db, publisher, batchId);
  const failed = batch.rows.filter((row) => row.build.status === "FAILED");
  if (failed.length === 0) throw new DomainError("batch.nothingToRetry");
  let queued = 0;
  for (const row of failed) {
    const access = await publishableStore(db, publisher, row.store.id);
    queued += await inStore(db, access, async (tx) => {
      await lockStoreBuilds(tx, access.store.id);
      if (await tx.build.count({ where: { batchId, status: { in: ["QUEUED", "RUNNING"] } } })) return 0;
      await requestBuild(tx, access.store, { id: publisher.userId, ip }, { purpose: "UPLOAD", version: batch.version, description: batch.description }, { batchId });
      return 1;
    });
  }
  if (queued === 0) throw new DomainError("batch.nothingToRetry");
  return queued;
}

export async function listBatches(db: Database, publisher: Publisher, take = 10) {
  return db.scoped({ userId: publisher.userId }, (tx) =>
    tx.publishBatch.findMany({
      where: { agencyId: publisher.membership.agency.id },
      orderBy: { createdAt: "desc" },
      take,
      select: { id: true, version: true, description: true, createdAt: true, _count: { select: { builds: true } } },
    }),
  );
}
