// The build queue, on the builds table itself. A worker claims the oldest due build of a store that has none
// running (and of a batch below its concurrency), holds it under a lease it renews while it works, and finishes it.
// A worker that stops renewing (killed, frozen, cut off) loses the build to the next reclaim: retried while attempts
// remain, failed with a reason once they are spent. Claims take turns on one advisory lock, so two workers never
// see the same store idle at once; the partial unique index on running builds backs that up in the schema.
// Why this and not pg-boss: docs/architecture.md, "Publishing".
import type { Database, Prisma, Transaction } from "@kaidian/db";

/** Claims queue behind this lock (one 64-bit key for the whole queue); held for the claim's milliseconds only. */
const CLAIM_LOCK = 0x6b616964_0001n;

export type ClaimedBuild = { tenantId: string; id: string; number: number; attempts: number; maxAttempts: number };

export type LeaseOptions = { workerId: string; leaseMs: number };

export async function claimBuild(db: Database, { workerId, leaseMs }: LeaseOptions): Promise<ClaimedBuild | null> {
  return db.buildQueue(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CLAIM_LOCK})`;
    const [claimed] = await tx.$queryRaw<ClaimedBuild[]>`
      WITH next AS (
        SELECT b.tenant_id, b.id
        FROM builds b
        LEFT JOIN publish_batches batch ON batch.id = b.batch_id
        WHERE b.status = 'QUEUED'
          AND b.run_after <= now()
          AND NOT EXISTS (SELECT 1 FROM builds r WHERE r.tenant_id = b.tenant_id AND r.status = 'RUNNING')
          AND (batch.id IS NULL
               OR (SELECT count(*) FROM builds r WHERE r.batch_id = batch.id AND r.status = 'RUNNING') < batch.concurrency)
        ORDER BY b.run_after, b.created_at
        LIMIT 1
        FOR UPDATE OF b SKIP LOCKED
      )
      UPDATE builds SET
        status = 'RUNNING',
        attempts = builds.attempts + 1,
        worker_id = ${workerId},
        lease_expires_at = now() + ${leaseMs} * interval '1 millisecond',
        started_at = coalesce(builds.started_at, now())
      FROM next
      WHERE builds.tenant_id = next.tenant_id AND builds.id = next.id
      RETURNING builds.tenant_id AS "tenantId", builds.id, builds.number, builds.attempts, builds.max_attempts AS "maxAttempts"`;
    return claimed ?? null;
  });
}

/** Extends the lease; false when the build is no longer this worker's (it was reclaimed), so the work must stop. */
export async function renewLease(db: Database, build: ClaimedBuild, { workerId, leaseMs }: LeaseOptions): Promise<boolean> {
  const renewed = await db.scoped({ tenantId: build.tenantId }, (tx) =>
    tx.$executeRaw`
      UPDATE builds SET lease_expires_at = now() + ${leaseMs} * interval '1 millisecond'
      WHERE tenant_id = ${build.tenantId}::uuid AND id = ${build.id}::uuid AND status = 'RUNNING' AND worker_id = ${workerId}`,
  );
  return renewed === 1;
}

export type Outcome =
  | { status: "SUCCEEDED"; data?: Prisma.BuildUpdateManyMutationInput }
  | { status: "FAILED"; errorCode: string; errorParams: Record<string, string | number> }
  /** Try again after `delayMs` (a transient failure with attempts left). */
  | { status: "RETRY"; delayMs: number; errorCode: string; errorParams: Record<string, string | number> }
  /** Back to the queue without counting the attempt: the worker is stopping, not the build failing. */
  | { status: "RELEASED" };

/** Ends this worker's hold on the build with its outcome; false when the build had already been reclaimed. */
export async function finishBuild(tx: Transaction, build: ClaimedBuild, workerId: string, outcome: Outcome): Promise<boolean> {
  const owned = { tenantId: build.tenantId, id: build.id, status: "RUNNING" as const, workerId };
  const released = { leaseExpiresAt: null, workerId: null };
  let data: Prisma.BuildUpdateManyMutationInput;
  switch (outcome.status) {
    case "SUCCEEDED":
      data = { ...outcome.data, ...released, status: "SUCCEEDED", errorCode: null, errorParams: {}, finishedAt: new Date() };
      break;
    case "FAILED":
      data = { ...released, status: "FAILED", errorCode: outcome.errorCode, errorParams: outcome.errorParams, finishedAt: new Date() };
      break;
    case "RETRY":
      data = { ...released, status: "QUEUED", errorCode: outcome.errorCode, errorParams: outcome.errorParams, runAfter: new Date(Date.now() + outcome.delayMs) };
      break;
    case "RELEASED":
      data = { ...released, status: "QUEUED", attempts: { decrement: 1 } };
      break;
  }
  const { count } = await tx.build.updateMany({ where: owned, data });
  return count === 1;
}

export type Reclaimed = { tenantId: string; id: string; retried: boolean };

/**
 * Takes back builds whose worker's lease ran out: queued again while attempts remain (after `retryDelayMs` times
 * 4^(attempt - 1), as any transient failure), failed as `build.workerLost` otherwise.
 */
export async function reclaimExpired(db: Database, retryDelayMs: number): Promise<Reclaimed[]> {
  return db.buildQueue((tx) =>
    tx.$queryRaw<Reclaimed[]>`
      UPDATE builds SET
        status = CASE WHEN attempts < max_attempts THEN 'QUEUED'::build_status ELSE 'FAILED'::build_status END,
        run_after = now() + ${retryDelayMs} * power(4, attempts - 1) * interval '1 millisecond',
        finished_at = CASE WHEN attempts < max_attempts THEN NULL ELSE now() END,
        error_code = 'build.workerLost',
        error_params = jsonb_build_object('attempt', attempts, 'attempts', max_attempts),
        steps = (SELECT coalesce(jsonb_agg(CASE WHEN step->>'status' = 'running'
                   THEN step || jsonb_build_object('status', 'failed', 'finishedAt', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                   ELSE step END ORDER BY position), '[]'::jsonb)
                 FROM jsonb_array_elements(steps) WITH ORDINALITY AS s(step, position)),
        worker_id = NULL,
        lease_expires_at = NULL
      WHERE status = 'RUNNING' AND lease_expires_at < now()
      RETURNING tenant_id AS "tenantId", id, status = 'QUEUED' AS retried`,
  );
}
