// A publishing worker: claims one build at a time, keeps its lease alive while the pipeline runs, records the outcome,
// and now and then takes back builds whose worker went silent. Run as many as the machine allows; none will run a
// build another is running, and a store's builds run one after another.
import { randomUUID } from "node:crypto";
import os from "node:os";
import { runBuild, type PipelineContext } from "./pipeline";
import { claimBuild, finishBuild, reclaimExpired, renewLease, type ClaimedBuild } from "./queue";

export type WorkerOptions = PipelineContext & {
  workerId?: string;
  /** How long a claim lasts without renewal; renewed every third of it. */
  leaseMs?: number;
  /** How often an idle worker looks for work. */
  pollMs?: number;
  /** How often it looks for builds whose worker stopped. */
  reclaimEveryMs?: number;
  log?: (line: string) => void;
};

export type Worker = {
  id: string;
  /** Stops claiming; a build in progress gets `graceMs` to finish, then goes back to the queue unharmed. */
  stop(graceMs?: number): Promise<void>;
};

export function startWorker(options: WorkerOptions): Worker {
  const id = options.workerId ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const lease = { workerId: id, leaseMs: options.leaseMs ?? 30_000 };
  const pollMs = options.pollMs ?? 1_000;
  const reclaimEveryMs = options.reclaimEveryMs ?? 10_000;
  const log = options.log ?? (() => undefined);
  let stopping = false;
  let current: { claimed: ClaimedBuild; abort: AbortController; done: Promise<void> } | null = null;
  let wake: (() => void) | undefined;
  let lastReclaim = 0;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function reclaim() {
    lastReclaim = Date.now();
    for (const build of await reclaimExpired(options.db, options.retryDelayMs)) {
      log(`build ${build.id} of store ${build.tenantId}: its worker stopped answering; ${build.retried ? "queued again" : "failed"}`);
      await options.db.scoped({ tenantId: build.tenantId }, (tx) =>
        tx.buildLog.create({
          data: {
            tenantId: build.tenantId,
            buildId: build.id,
            step: "build",
            level: "error",
            message: `the worker running this build stopped answering; ${build.retried ? "it will be tried again" : "no attempts are left"}`,
          },
        }),
      );
    }
  }

  async function work(claimed: ClaimedBuild, abort: AbortController) {
    log(`build #${claimed.number} of store ${claimed.tenantId}: attempt ${claimed.attempts}`);
    // Renewed every third of the lease. A renewal refused (the build was taken back) stops the work at once; renewals
    // that cannot reach the database stop it before the lease can run out, so no build is ever worked on twice.
    let renewedAt = Date.now();
    const heartbeat = setInterval(() => {
      renewLease(options.db, claimed, lease).then(
        (held) => {
          if (held) renewedAt = Date.now();
          else abort.abort(new Error("the build was taken back"));
        },
        () => {
          if (Date.now() - renewedAt > (lease.leaseMs * 2) / 3) abort.abort(new Error("the lease could not be renewed"));
        },
      );
    }, lease.leaseMs / 3);
    try {
      // Stopping began while this build was being claimed: it goes straight back.
      if (stopping) abort.abort(new Error("the worker is stopping"));
      const outcome = await runBuild(options, claimed, id, abort.signal);
      const recorded = await options.db.scoped({ tenantId: claimed.tenantId }, (tx) => finishBuild(tx, claimed, id, outcome));
      log(`build #${claimed.number} of store ${claimed.tenantId}: ${outcome.status}${recorded ? "" : " (not recorded: the build was taken back)"}`);
    } finally {
      clearInterval(heartbeat);
    }
  }

  const loop = (async () => {
    let failures = 0;
    while (!stopping) {
      try {
        if (Date.now() - lastReclaim >= reclaimEveryMs) await reclaim();
        const claimed = await claimBuild(options.db, lease);
        failures = 0;
        if (!claimed) {
          await sleep(pollMs);
          continue;
        }
        const abort = new AbortController();
        const done = work(claimed, abort);
        current = { claimed, abort, done };
        await done;
      } catch (error) {
        // The database went away, most likely: wait longer each time rather than spin.
        failures++;
        log(`worker ${id}: ${error instanceof Error ? error.message : String(error)}`);
        await sleep(Math.min(30_000, pollMs * 2 ** failures));
      } finally {
        current = null;
      }
    }
  })();

  return {
    id,
    async stop(graceMs = 30_000) {
      stopping = true;
      wake?.();
      const running = current;
      if (running) {
        const late = setTimeout(() => running.abort.abort(new Error("worker stopping")), graceMs);
        await running.done.catch(() => undefined);
        clearTimeout(late);
      }
      await loop;
    },
  };
}
