// Tells the merchant's open inboxes that their store's orders changed, from PostgreSQL: the `orders_changed`
// channel (migration 20261203124500_order_notifications) announces each new order and each change of status at
// commit. One listening connection per process, however many inboxes are open; each subscriber hears only its own
// store. Announcements sent while the connection is down are lost, so subscribers are told when it is back
// (`resync`) and look again themselves.
import { ChannelListener } from "@kaidian/db/listen";
import { ORDER_STATUSES, type OrderStatus } from "../lifecycle";

export const ORDERS_CHANNEL = "orders_changed";

export type OrderChange = { order: string; number: string; status: OrderStatus; newlyPaid: boolean };

export type OrderFeedSubscriber = {
  onChange: (change: OrderChange) => void;
  /** The feed reconnected: changes may have been missed. */
  onResync: () => void;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An announcement as the trigger writes it, or null for anything else on the channel. */
export function parseOrderChange(payload: string): (OrderChange & { tenant: string }) | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  const { tenant, order, number, status, newlyPaid } = (value ?? {}) as Record<string, unknown>;
  if (typeof tenant !== "string" || !UUID.test(tenant) || typeof order !== "string" || !UUID.test(order) || typeof number !== "string") return null;
  if (!ORDER_STATUSES.includes(status as OrderStatus) || typeof newlyPaid !== "boolean") return null;
  return { tenant, order, number, status: status as OrderStatus, newlyPaid };
}

export class OrderFeed {
  private readonly listener: ChannelListener;
  private readonly subscribers = new Map<string, Set<OrderFeedSubscriber>>();
  private starting: Promise<void> | null = null;
  private connectedOnce = false;

  constructor(databaseUrl: string, private readonly onError: (error: Error) => void = () => {}) {
    this.listener = new ChannelListener(databaseUrl, ORDERS_CHANNEL, {
      onNotify: (payload) => {
        const change = parseOrderChange(payload);
        if (!change) return;
        const { tenant, ...rest } = change;
        for (const subscriber of this.subscribers.get(tenant) ?? []) subscriber.onChange(rest);
      },
      onConnect: () => {
        // The first connection has missed nothing of an inbox that opened after it; a reconnection may have.
        if (this.connectedOnce) for (const set of this.subscribers.values()) for (const subscriber of set) subscriber.onResync();
        this.connectedOnce = true;
      },
      onError: (error) => this.onError(error),
    });
  }

  /** True while announcements are arriving. */
  get connected(): boolean {
    return this.listener.connected;
  }

  /** Hears the store's changes until the returned function is called; the first subscription starts listening. */
  async subscribe(tenantId: string, subscriber: OrderFeedSubscriber): Promise<() => void> {
    let set = this.subscribers.get(tenantId);
    if (!set) this.subscribers.set(tenantId, (set = new Set()));
    set.add(subscriber);
    this.starting ??= this.listener.start().catch((error: unknown) => {
      // The listener keeps retrying by itself; the inbox still works by its own periodic look.
      this.onError(error instanceof Error ? error : new Error(String(error)));
    });
    await this.starting;
    return () => {
      set.delete(subscriber);
      // Only this store's current set: a later subscriber may have started a new one.
      if (set.size === 0 && this.subscribers.get(tenantId) === set) this.subscribers.delete(tenantId);
    };
  }

  async stop(): Promise<void> {
    await this.listener.stop();
  }
}
