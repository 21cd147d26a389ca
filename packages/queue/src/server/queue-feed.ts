// Tells staff's open queue pages that their store's queue changed, from PostgreSQL: the `queue_changed` channel
// (migration 20261203180100_queue_rules) announces each number taken and each change of status at commit. One
// listening connection per process; each subscriber hears only its own store. After a reconnection subscribers are
// told (`onResync`) and read again, so a lost announcement costs nothing.
import { ChannelListener } from "@kaidian/db/listen";
import { TICKET_STATUSES, type TicketStatus } from "../index";

export const QUEUE_CHANNEL = "queue_changed";

export type QueueChange = { ticket: string; prefix: string; number: number; status: TicketStatus };
export type QueueFeedSubscriber = { onChange: (change: QueueChange) => void; onResync: () => void };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseQueueChange(payload: string): (QueueChange & { tenant: string }) | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  const { tenant, ticket, prefix, number, status } = (value ?? {}) as Record<string, unknown>;
  if (typeof tenant !== "string" || !UUID.test(tenant) || typeof ticket !== "string" || !UUID.test(ticket)) return null;
  if (typeof prefix !== "string" || typeof number !== "number" || !TICKET_STATUSES.includes(status as TicketStatus)) return null;
  return { tenant, ticket, prefix, number, status: status as TicketStatus };
}

export class QueueFeed {
  private readonly listener: ChannelListener;
  private readonly subscribers = new Map<string, Set<QueueFeedSubscriber>>();
  private starting: Promise<void> | null = null;
  private connectedOnce = false;

  constructor(databaseUrl: string, private readonly onError: (error: Error) => void = () => {}) {
    this.listener = new ChannelListener(databaseUrl, QUEUE_CHANNEL, {
      onNotify: (payload) => {
        const change = parseQueueChange(payload);
        if (!change) return;
        const { tenant, ...rest } = change;
        for (const subscriber of this.subscribers.get(tenant) ?? []) subscriber.onChange(rest);
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

  async subscribe(tenantId: string, subscriber: QueueFeedSubscriber): Promise<() => void> {
    let set = this.subscribers.get(tenantId);
    if (!set) this.subscribers.set(tenantId, (set = new Set()));
    set.add(subscriber);
    this.starting ??= this.listener.start().catch((error: unknown) => this.onError(error instanceof Error ? error : new Error(String(error))));
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
