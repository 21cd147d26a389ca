// Queue numbers in PostgreSQL: settings, taking and giving up a number (shop-api), calling, seating and skipping
// (the dashboard), the shopper's subscribe message when called, and the live feed of changes. Framework-free; every
// function runs inside the store's scope (Database.scoped) except those that take the Database itself.
export { readQueueSettings, saveQueueSettings, type StoredQueueSettings } from "./settings";
export {
  takeNumber,
  liveTicket,
  readTicket,
  aheadOf,
  ticketView,
  cancelTicket,
  actOnTicket,
  callNext,
  readQueueBoard,
  waitingByGroup,
  type TicketRecord,
  type TicketView,
  type TakeInput,
  type TakeResult,
  type StaffAction,
  type StaffResult,
  type QueueBoard,
  type BoardGroup,
} from "./tickets";
export { notifyCalled, QUEUE_PAGE } from "./notify";
export { QueueFeed, QUEUE_CHANNEL, parseQueueChange, type QueueChange, type QueueFeedSubscriber } from "./queue-feed";
