// A channel's announcements handed to each store's open pages: one ChannelListener per process, however many pages
// are open, and each subscriber hears only its own store (the announcement's `tenant`). Announcements sent while the
// connection is down are lost, so after a reconnection every subscriber is told (`onResync`) and looks again itself.
// The order inbox, the kitchen display and the queue page each use one, with their channel and payload.
import { ChannelListener } from "./listen";

export type StoreFeedSubscriber<Change> = {
  onChange: (change: Change) => void;
  /** The feed reconnected: changes may have been missed. */
  onResync: () => void;
};

/** Reads one payload: the change with the store it belongs to, or null for anything else on the channel. */
export type AnnouncementParser<Change> = (payload: string) => (Change & { tenant: string }) | null;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === "string" && UUID.test(value);

/** A payload's fields if it is JSON naming a store (`tenant`), as the triggers write them; else null. */
export function storeAnnouncement(payload: string): (Record<string, unknown> & { tenant: string }) | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const fields = value as Record<string, unknown>;
  return isUuid(fields.tenant) ? (fields as Record<string, unknown> & { tenant: string }) : null;
}

export class StoreFeed<Change> {
  private readonly listener: ChannelListener;
  private readonly subscribers = new Map<string, Set<StoreFeedSubscriber<Change>>>();
  private starting: Promise<void> | null = null;
  private connectedOnce = false;

  constructor(
    databaseUrl: string,
    channel: string,
    parse: AnnouncementParser<Change>,
    private readonly onError: (error: Error) => void = () => {},
  ) {
    this.listener = new ChannelListener(databaseUrl, channel, {
      onNotify: (payload) => {
        const announced = parse(payload);
        if (!announced) return;
        const { tenant, ...change } = announced;
        for (const subscriber of this.subscribers.get(tenant) ?? []) subscriber.onChange(change as Change);
      },
      onConnect: () => {
        // The first connection has missed nothing of a page that opened after it; a reconnection may have.
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
  async subscribe(tenantId: string, subscriber: StoreFeedSubscriber<Change>): Promise<() => void> {
    let set = this.subscribers.get(tenantId);
    if (!set) this.subscribers.set(tenantId, (set = new Set()));
    set.add(subscriber);
    this.starting ??= this.listener.start().catch((error: unknown) => {
      // The listener keeps retrying by itself; the pages still read on their own and again at `resync`.
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
