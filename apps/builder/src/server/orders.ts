import "server-only";
// Read models of the order pages, each in the store's own scope.
import { listMerchantOrders, readMerchantOrder, readOrderSettings, type OrderListQuery } from "@kaidian/orders/server";
import { inStore, type StoreAccess } from "@kaidian/tenancy";
import { database } from "./db";

export function ordersPage(access: StoreAccess, query: OrderListQuery) {
  return inStore(database(), access, (tx) => listMerchantOrders(tx, query));
}

export function orderPage(access: StoreAccess, orderId: string) {
  return inStore(database(), access, (tx) => readMerchantOrder(tx, orderId));
}

export function orderSettingsPage(access: StoreAccess) {
  return inStore(database(), access, (tx) => readOrderSettings(tx));
}

/** A query string's values as a form sends them: the first of a repeated one. */
export function queryValues(params: Record<string, string | string[] | undefined>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) values[key] = first;
  }
  return values;
}
