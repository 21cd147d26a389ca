// Tells open kitchen displays that their store's rounds changed, from PostgreSQL: the `kitchen_changed` channel
// (migration 20261203170000_table_orders) announces a round reaching the kitchen and each dish or round marked done,
// at commit. One listening connection per process, like the order inbox's OrderFeed; each subscriber hears only its
// own store, and is told to look again (`resync`) after the connection comes back, since announcements sent while it
// was down are lost.
import { ChannelListener } from "@kaidian/db/listen";

export const KITCHEN_CHANNEL = "kitchen_changed";

export type KitchenChange = { round: string };

export type KitchenFeedSubscriber = { onChange: (change: KitchenChange) => void; onResync: () => void };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseKitchenChange(payload: string): (KitchenChange & { tenant: string }) | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  const { tenant, round } = (value ?? {}) as Record<string, unknown>;
  return typeof tenant === "string" && UUID.test(tenant) && typeof round === "string" && UUID.test(round) ? { tenant, round } : null;
}

export class KitchenFeed {
  private readonly listener: ChannelListener;
  private readonly subscribers = new Map<string, Set<KitchenFeedSubscriber>>();
  private starting: Promise<void> | null = null;
  private connectedOnce = false;

  constructor(databaseUrl: string, private readonly onError: (error: Error) => void = () => {}) {
    this.listener = new ChannelListener(databaseUrl, KITCHEN_CHANNEL, {
      onNotify: (payload) => {
        const change = parseKitchenChange(payload);
        if (!change) return;
        for (const subscriber of this.subscribers.get(change.tenant) ?? []) subscriber.onChange({ round: change.round });
      },
      onConnect: () => {
        if (this.connectedOnce) for (const set of this.subscribers.values()) for (const subscriber of set) subscriber.onResync();
        this.connectedOnce = true;
      },
      onError: (error) => this.onError(error),
    });
  }

  get connected(): boolean {
    return this.listener.connected;
  }

  async subscribe(tenantId: string, subscriber: KitchenFeedSubscriber): Promise<() => void> {
    let set = this.subscribers.get(tenantId);
    if (!set) this.subscribers.set(tenantId, (set = new Set()));
    set.add(subscriber);
    this.starting ??= this.listener.start().catch((error: unknown) => {
      // The listener keeps retrying by itself; the display reloads its rounds when it hears `resync`.
      this.onError(error instanceof Error ? error : new Error(String(error)));
    });
    await this.starting;
    return () => {
      set.delete(subscriber);
      if (set.size === 0 && this.subscribers.get(tenantId) === set) this.subscribers.delete(tenantId);
    };
  }

  async stop(): Promise<void> {
    await this.listener.stop();
  }
}
