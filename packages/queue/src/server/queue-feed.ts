// Tells staff's open queue pages that their store's queue changed, from PostgreSQL: the `queue_changed` channel
// (migration 20261203180100_queue_rules) announces each number taken and each change of status at commit. A
// StoreFeed (@kaidian/db/store-feed): one listening connection per process, each page hearing only its own store,
// and told to read again (`onResync`) after a reconnection, so a lost announcement costs nothing.
import { isUuid, StoreFeed, storeAnnouncement, type StoreFeedSubscriber } from "@kaidian/db/store-feed";
import { TICKET_STATUSES, type TicketStatus } from "../index";

export const QUEUE_CHANNEL = "queue_changed";

export type QueueChange = { ticket: string; prefix: string; number: number; status: TicketStatus };
export type QueueFeedSubscriber = StoreFeedSubscriber<QueueChange>;

export function parseQueueChange(payload: string): (QueueChange & { tenant: string }) | null {
  const fields = storeAnnouncement(payload);
  if (!fields) return null;
  const { tenant, ticket, prefix, number, status } = fields;
  if (!isUuid(ticket) || typeof prefix !== "string" || typeof number !== "number" || !TICKET_STATUSES.includes(status as TicketStatus)) return null;
  return { tenant, ticket, prefix, number, status: status as TicketStatus };
}

export class QueueFeed extends StoreFeed<QueueChange> {
  constructor(databaseUrl: string, onError?: (error: Error) => void) {
    super(databaseUrl, QUEUE_CHANNEL, parseQueueChange, onError);
  }
}
