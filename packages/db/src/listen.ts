// A dedicated connection that LISTENs on one channel and reconnects by itself, for caches that PostgreSQL tells
// when their data changed. Notifications sent while it is disconnected are lost: `onConnect` runs after every
// (re)connection so the caller can catch up another way.
import pg from "pg";
import { connectionFields } from "./connection";

export type ListenerEvents = {
  onNotify: (payload: string) => void;
  onConnect?: () => void;
  onError?: (error: Error) => void;
};

const RETRY_MS = { first: 250, max: 10_000 };

export class ChannelListener {
  private client: pg.Client | null = null;
  private stopped = false;
  private retryMs = RETRY_MS.first;
  private retryTimer: NodeJS.Timeout | null = null;
  private isConnected = false;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly events: ListenerEvents,
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Not a channel name: ${channel}`);
  }

  /** True while LISTEN is in effect: notifications are arriving. */
  get connected(): boolean {
    return this.isConnected;
  }

  /** Connects and resolves once listening; on failure keeps retrying in the background (rejecting the first time). */
  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ ...connectionFields(this.url), application_name: `listen:${this.channel}`, keepAlive: true });
    this.client = client;
    client.on("notification", (message) => {
      if (message.channel === this.channel) this.events.onNotify(message.payload ?? "");
    });
    client.on("error", (error) => this.lost(client, error));
    client.on("end", () => this.lost(client, new Error("connection ended")));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (error) {
      this.lost(client, error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
    if (this.stopped || this.client !== client) return;
    this.isConnected = true;
    this.retryMs = RETRY_MS.first;
    this.events.onConnect?.();
  }

  private lost(client: pg.Client, error: Error): void {
    if (this.client !== client) return;
    this.client = null;
    this.isConnected = false;
    client.removeAllListeners("end");
    client.end().catch(() => {});
    if (this.stopped) return;
    this.events.onError?.(error);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect().catch(() => {});
    }, this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MS.max);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.isConnected = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }
}
