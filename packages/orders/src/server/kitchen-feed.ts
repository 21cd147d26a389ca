// Tells open kitchen displays that their store's rounds changed, from PostgreSQL: the `kitchen_changed` channel
// (migration 20261203170000_table_orders) announces a round reaching the kitchen and each dish or round marked done,
// at commit. A StoreFeed (@kaidian/db/store-feed) like the order inbox's: one listening connection per process, each
// display hearing only its own store, and told to look again (`resync`) when the connection comes back.
import { isUuid, StoreFeed, storeAnnouncement, type StoreFeedSubscriber } from "@kaidian/db/store-feed";

export const KITCHEN_CHANNEL = "kitchen_changed";

export type KitchenChange = { round: string };

export type KitchenFeedSubscriber = StoreFeedSubscriber<KitchenChange>;

export function parseKitchenChange(payload: string): (KitchenChange & { tenant: string }) | null {
  const fields = storeAnnouncement(payload);
  return fields && isUuid(fields.round) ? { tenant: fields.tenant, round: fields.round } : null;
}

export class KitchenFeed extends StoreFeed<KitchenChange> {
  constructor(databaseUrl: string, onError?: (error: Error) => void) {
    super(databaseUrl, KITCHEN_CHANNEL, parseKitchenChange, onError);
  }
}
