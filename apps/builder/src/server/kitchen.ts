import "server-only";
// The kitchen display's and the inbox's views of table orders, each in the store's own scope; and the process's one
// listener for kitchen changes (@kaidian/orders/server KitchenFeed), kept on globalThis so `next dev` reloads do not
// open another connection each time.
import { KitchenFeed, kitchenRounds, markDone, tablesWithTabs } from "@kaidian/orders/server";
import { inStore, type StoreAccess } from "@kaidian/tenancy";
import { database } from "./db";

export function kitchenView(access: StoreAccess) {
  return inStore(database(), access, (tx) => kitchenRounds(tx));
}

export function markKitchenDone(access: StoreAccess, input: { roundId: string; position?: number }) {
  return inStore(database(), access, (tx) => markDone(tx, input));
}

export function diningRoom(access: StoreAccess) {
  return inStore(database(), access, (tx) => tablesWithTabs(tx));
}

const holder = globalThis as typeof globalThis & { kaidianKitchenFeed?: KitchenFeed };

export function kitchenFeed(): KitchenFeed {
  if (!holder.kaidianKitchenFeed) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set; start the dashboard with `npm start`, which provides it.");
    holder.kaidianKitchenFeed = new KitchenFeed(url, (error) => console.error("kitchen feed:", error.message));
  }
  return holder.kaidianKitchenFeed;
}
