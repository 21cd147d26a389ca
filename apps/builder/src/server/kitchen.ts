import "server-only";
// The kitchen display's and the inbox's views of table orders, each in the store's own scope (its live feed is in
// live-feeds.ts).
import { kitchenRounds, markDone, tablesWithTabs } from "@kaidian/orders/server";
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
