// What a running build writes as it goes, each in its store's own scope: the state of each step and the log lines
// the dashboard shows live. Log lines are buffered and written together, a few times a second at most. The build's
// own fields are written only while this worker still holds it: once it was taken back, writes stop the work.
import type { Database, Prisma } from "@kaidian/db";
import type { StepName, StepState } from "../builds";

const FLUSH_MS = 300;
const LINE_MAX = 1_000;

type Line = { step: string; level: "info" | "warn" | "error"; message: string };

/** The build is no longer this worker's: its lease ran out and it was taken back (or handed to another). */
export class BuildTakenBackError extends Error {
  constructor() {
    super("the build was taken back from this worker");
  }
}

export class BuildRecord {
  private pending: Line[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private current: StepName | "build" = "build";

  constructor(
    private readonly db: Database,
    private readonly build: { tenantId: string; id: string },
    private readonly workerId: string,
    private steps: StepState[],
  ) {}

  get step(): StepName | "build" {
    return this.current;
  }

  log(message: string, level: Line["level"] = "info"): void {
    this.pending.push({ step: this.current, level, message: redact(message).slice(0, LINE_MAX) });
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  async start(step: StepName): Promise<void> {
    this.current = step;
    await this.setStep(step, { status: "running", startedAt: new Date().toISOString(), finishedAt: undefined });
  }

  async finish(step: StepName, status: "done" | "skipped"): Promise<void> {
    await this.setStep(step, { status, finishedAt: new Date().toISOString() });
  }

  /** Marks the step in progress, if any, as the one that failed. */
  async failRunning(): Promise<void> {
    const running = this.steps.find((state) => state.status === "running");
    if (running) await this.setStep(running.step, { status: "failed", finishedAt: new Date().toISOString() });
  }

  /** Writes the build's own fields (its outputs), if it is still this worker's; BuildTakenBackError otherwise. */
  async update(data: Prisma.BuildUpdateManyMutationInput): Promise<void> {
    const { count } = await this.db.scoped({ tenantId: this.build.tenantId }, (tx) =>
      tx.build.updateMany({ where: { id: this.build.id, status: "RUNNING", workerId: this.workerId }, data }),
    );
    if (count === 0) throw new BuildTakenBackError();
  }

  /** Writes the buffered lines. A write that fails loses those lines, not the build: it is said on the console. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const lines = this.pending.splice(0);
    if (lines.length === 0) return this.flushing;
    const write = async () => {
      try {
        await this.db.scoped({ tenantId: this.build.tenantId }, (tx) =>
          tx.buildLog.createMany({ data: lines.map((line) => ({ tenantId: this.build.tenantId, buildId: this.build.id, ...line })) }),
        );
      } catch (error) {
        console.error(`build ${this.build.id}: ${lines.length} log line(s) could not be written:`, redact(String(error)));
      }
    };
    this.flushing = this.flushing.then(write);
    return this.flushing;
  }

  private async setStep(step: StepName, change: Partial<StepState>): Promise<void> {
    this.steps = this.steps.map((state) => (state.step === step ? { ...state, ...change } : state));
    await this.flush();
    await this.update({ steps: this.steps as Prisma.InputJsonValue });
  }
}

/**
 * Log lines never carry secrets: no PEM blocks, no credentials inside URLs (a proxy's user:password). Terminal
 * colour codes (miniprogram-ci colours its output) are dropped too.
 */
export function redact(line: string): string {
  return line
    .replace(/\x1b\[[0-9;]*m/g, "")
    .replace(/-----BEGIN [^-]+-----[\s\S]*?(-----END [^-]+-----|$)/g, "[key removed]")
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^/\s@]+@/gi, "$1***:***@");
}
