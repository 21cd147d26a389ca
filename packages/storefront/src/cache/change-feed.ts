// Tells a ShopCache which stores changed, from PostgreSQL: at once through LISTEN on `storefront_changed` (the
// triggers of migration 20261203100000_storefront_changes), and every `checkMs` by asking which stores changed since
// the last check, which catches a notification lost with a dropped connection.
import type { Database } from "@kaidian/db";
import { ChannelListener } from "@kaidian/db/listen";
import { isUuid } from "../ids";

export const CHANGES_CHANNEL = "storefront_changed";
/** More changes than this between two checks and the cache is simply emptied. */
const MAX_CHANGES_PER_CHECK = 10_000;

export type ChangeTarget = { invalidate(tenantId: string): void; invalidateAll(): void };

export type ChangeFeedOptions = {
  db: Database;
  /** A URL to open the listening connection with (DATABASE_URL). */
  databaseUrl: string;
  target: ChangeTarget;
  checkMs: number;
  onError?: (what: "listen" | "check", error: unknown) => void;
};

type Row = { horizon: string; changes: { tenant_id: string; version: number | string }[] };

export class ChangeFeed {
  private readonly listener: ChannelListener;
  private timer: NodeJS.Timeout | null = null;
  /** Transaction id from which the next check asks; null until the first check. */
  private since: string | null = null;
  /** Changes the previous check already handed on (a change stays in view until older transactions finish). */
  private seen = new Set<string>();
  private lastCheckOk = 0;
  private checking: Promise<void> | null = null;

  constructor(private readonly options: ChangeFeedOptions) {
    this.listener = new ChannelListener(options.databaseUrl, CHANGES_CHANNEL, {
      onNotify: (payload) => {
        if (isUuid(payload)) options.target.invalidate(payload);
      },
      // Whatever was announced while disconnected is found by a check right away.
      onConnect: () => void this.check(),
      onError: (error) => options.onError?.("listen", error),
    });
  }

  /** Listening, and the last check succeeded within three periods: answers reflect changes promptly. */
  get healthy(): boolean {
    return this.listener.connected && Date.now() - this.lastCheckOk < 3 * this.options.checkMs + 5_000;
  }

  async start(): Promise<void> {
    await this.check();
    await this.listener.start().catch((error: unknown) => this.options.onError?.("listen", error));
    this.timer = setInterval(() => void this.check(), this.options.checkMs);
    this.timer.unref();
  }

  /** Asks which stores changed since the last check and invalidates those not handed on yet. */
  check(): Promise<void> {
    this.checking ??= this.runCheck().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private async runCheck(): Promise<void> {
    try {
      const since = this.since;
      const [row] = await this.options.db.scoped({}, (tx) =>
        since === null
          ? tx.$queryRaw<Row[]>`SELECT storefront_changes_horizon()::text AS horizon, '[]'::json AS changes`
          : tx.$queryRaw<Row[]>`SELECT storefront_changes_horizon()::text AS horizon,
              COALESCE((SELECT json_agg(c) FROM storefront_changes_since(${since}::bigint, ${MAX_CHANGES_PER_CHECK}) c), '[]'::json) AS changes`,
      );
      if (!row) return;
      if (row.changes.length >= MAX_CHANGES_PER_CHECK) {
        this.options.target.invalidateAll();
      } else {
        const seen = new Set<string>();
        for (const change of row.changes) {
          const id = `${change.tenant_id}:${change.version}`;
          seen.add(id);
          if (!this.seen.has(id)) this.options.target.invalidate(change.tenant_id);
        }
        this.seen = seen;
      }
      this.since = row.horizon;
      this.lastCheckOk = Date.now();
    } catch (error) {
      this.options.onError?.("check", error);
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.listener.stop();
    await this.checking;
  }
}
