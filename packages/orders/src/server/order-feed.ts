// Tells the merchant's open inboxes that their store's orders changed, from PostgreSQL: the `orders_changed`
// channel (migration 20261203124500_order_notifications) announces each new order and each change of status at
// commit. A StoreFeed (@kaidian/db/store-feed): one listening connection per process, each inbox hearing only its
// own store, and told to look again (`resync`) when the connection comes back.
import { isUuid, StoreFeed, storeAnnouncement, type StoreFeedSubscriber } from "@kaidian/db/store-feed";
import { ORDER_STATUSES, type OrderStatus } from "../lifecycle";

export const ORDERS_CHANNEL = "orders_changed";

export type OrderChange = { order: string; number: string; status: OrderStatus; newlyPaid: boolean };

export type OrderFeedSubscriber = StoreFeedSubscriber<OrderChange>;

/** An announcement as the trigger writes it, or null for anything else on the channel. */
export function parseOrderChange(payload: string): (OrderChange & { tenant: string }) | null {
  const fields = storeAnnouncement(payload);
  if (!fields) return null;
  const { tenant, order, number, status, newlyPaid } = fields;
  if (!isUuid(order) || typeof number !== "string" || !ORDER_STATUSES.includes(status as OrderStatus) || typeof newlyPaid !== "boolean") return null;
  return { tenant, order, number, status: status as OrderStatus, newlyPaid };
}

export class OrderFeed extends StoreFeed<OrderChange> {
  constructor(databaseUrl: string, onError?: (error: Error) => void) {
    super(databaseUrl, ORDERS_CHANNEL, parseOrderChange, onError);
  }
}
