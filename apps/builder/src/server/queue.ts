import "server-only";
// Read models of the queue pages, each in the store's own scope (their live feed is in live-feeds.ts).
import { latestSends } from "@kaidian/messages/server";
import { readQueueBoard, readQueueSettings } from "@kaidian/queue/server";
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
  return inStore(database(), access, async (tx) => ({ settings: await readQueueSettings(tx) }));
}
