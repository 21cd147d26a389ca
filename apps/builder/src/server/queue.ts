import "server-only";
// Read models of the queue pages, each in the store's own scope; and the process's one listener for queue changes,
// shared by every open queue page (kept on globalThis so `next dev` reloads do not open another connection).
import { latestSends, readTemplates } from "@kaidian/messages/server";
import { QueueFeed, readQueueBoard, readQueueSettings } from "@kaidian/queue/server";
import { inStore, type StoreAccess } from "@kaidian/tenancy";
import { database } from "./db";

export function queueBoardPage(access: StoreAccess) {
  return inStore(database(), access, async (tx) => {
    const board = await readQueueBoard(tx);
    const called = board.groups.flatMap((group) => group.called.map((ticket) => ticket.id));
    return { board, sends: await latestSends(tx, called) };
  });
}

export function queueSettingsPage(access: StoreAccess) {
  return inStore(database(), access, async (tx) => ({ settings: await readQueueSettings(tx), templates: await readTemplates(tx) }));
}

const holder = globalThis as typeof globalThis & { kaidianQueueFeed?: QueueFeed };

export function queueFeed(): QueueFeed {
  if (!holder.kaidianQueueFeed) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set; start the dashboard with `npm start`, which provides it.");
    holder.kaidianQueueFeed = new QueueFeed(url, (error) => console.error("queue feed:", error.message));
  }
  return holder.kaidianQueueFeed;
}
