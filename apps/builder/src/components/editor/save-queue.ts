// The editor's autosave: one save at a time, each carrying the revision the last landed save produced, so a
// merchant's own quick edits never conflict with each other while a save from a copy someone else has since
// changed is refused. A config asked for while one is saving waits, and only the newest waiting one is sent.
// After a conflict nothing more is sent: the merchant reloads to see the other person's change.

export type SaveOutcome = { ok: true; revision: number } | { ok: false; conflict: string } | { ok: false; error: string };

export type SaveState =
  | { kind: "saved" }
  | { kind: "saving" }
  | { kind: "conflict"; message: string }
  | { kind: "failed"; message: string };

export class SaveQueue<Config> {
  private revision: number;
  private running: Promise<void> | null = null;
  private waiting: Config | null = null;
  private stopped = false;

  constructor(
    private readonly send: (config: Config, revision: number) => Promise<SaveOutcome>,
    revision: number,
    private readonly report: (state: SaveState) => void,
  ) {
    this.revision = revision;
  }

  /** The revision after the last save that landed: what a publish must name. */
  currentRevision(): number {
    return this.revision;
  }

  /** Saves `config` once the save in flight (if any) is done. */
  request(config: Config): void {
    if (this.stopped) return;
    this.waiting = config;
    this.running ??= this.drain();
  }

  /** Resolves once nothing is waiting or saving. */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    while (this.waiting !== null && !this.stopped) {
      const config = this.waiting;
      this.waiting = null;
      this.report({ kind: "saving" });
      let outcome: SaveOutcome;
      try {
        outcome = await this.send(config, this.revision);
      } catch {
        outcome = { ok: false, error: "" };
      }
      if (outcome.ok) {
        this.revision = outcome.revision;
        if (this.waiting === null) this.report({ kind: "saved" });
      } else if ("conflict" in outcome) {
        this.stopped = true;
        this.waiting = null;
        this.report({ kind: "conflict", message: outcome.conflict });
      } else if (this.waiting === null) {
        // The next edit tries again with what is on screen, which the failed save did not lose.
        this.report({ kind: "failed", message: outcome.error });
      }
    }
    this.running = null;
  }
}
