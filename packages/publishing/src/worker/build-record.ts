// What a running build writes as it goes, each in its store's own scope: the state of each step and the log lines
// the dashboard shows live. Log lines are buffered and written together, a few times a second at most.
import type { Database, Prisma } from "@kaidian/db";
import type { StepName, StepState } from "../builds";

const FLUSH_MS = 300;
const LINE_MAX = 1_000;

type Line = { step: string; level: "info" | "warn" | "error"; message: string };

export class BuildRecord {
  private pending: Line[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private current: StepName | "build" = "build";

  constructor(
    private readonly db: Database,
    private readonly build: { tenantId: string; id: string },
    private steps: StepState[],
  ) {}

  get step(): StepName | "build" {
    return this.current;
  }

  log(message: string, level: Line["level"] = "info"): void {
    this.pending.push({ step: this.current, level, message: redact(message).slice(0, LINE_MAX) });
    // A failed timed write surfaces at the next awaited one (every step change awaits a flush).
    this.timer ??= setTimeout(() => void this.flush().catch(() => undefined), FLUSH_MS);
  }

  async start(step: StepName): Promise<void> {
    this.current = step;
    await this.setStep(step, { status: "running", startedAt: new Date().toISOString(), finishedAt: undefined });
  }

  async finish(step: StepName, status: "done" | "failed" | "skipped"): Promise<void> {
    await this.setStep(step, { status, finishedAt: new Date().toISOString() });
  }

  /** Writes the build's own fields in the same scope, e.g. its outputs. */
  async update(data: Prisma.BuildUpdateManyMutationInput): Promise<void> {
    await this.db.scoped({ tenantId: this.build.tenantId }, (tx) => tx.build.updateMany({ where: { id: this.build.id }, data }));
  }

  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const lines = this.pending.splice(0);
    if (lines.length === 0) return this.flushing;
    const write = async () => {
      await this.db.scoped({ tenantId: this.build.tenantId }, (tx) =>
        tx.buildLog.createMany({ data: lines.map((line) => ({ tenantId: this.build.tenantId, buildId: this.build.id, ...line })) }),
      );
    };
    // In order, and each write whatever happened to the one before.
    this.flushing = this.flushing.then(write, write);
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
