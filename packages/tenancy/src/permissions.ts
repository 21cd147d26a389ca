// Who may do what in a store. Roles come from two places: membership of the store itself (owner, staff) and
// membership of the agency that serves it (admin, publisher).
import { DomainError } from "@kaidian/accounts";

export type StoreRole = "OWNER" | "STAFF" | "AGENCY_ADMIN" | "AGENCY_PUBLISHER";

// "orders": the order inbox and its daily handling (ship, pickup, refunds), for the store's own people.
// "payments": the store's WeChat Pay account and keys, where its money goes; its owners' alone, not even the agency's.
export type StoreAction = "view" | "design" | "catalog" | "publish" | "settings" | "members" | "orders" | "payments";

const ALLOWED: Record<StoreRole, readonly StoreAction[]> = {
  OWNER: ["view", "design", "catalog", "publish", "settings", "members", "orders", "payments"],
  STAFF: ["view", "design", "catalog", "orders"],
  AGENCY_ADMIN: ["view", "design", "catalog", "publish", "settings", "members", "orders"],
  AGENCY_PUBLISHER: ["view", "publish"],
};

/** Most to least powerful: the first a user holds is the one the dashboard shows. */
const PRECEDENCE: readonly StoreRole[] = ["AGENCY_ADMIN", "OWNER", "AGENCY_PUBLISHER", "STAFF"];

export function primaryRole(roles: readonly StoreRole[]): StoreRole {
  return PRECEDENCE.find((role) => roles.includes(role)) ?? "STAFF";
}

export function can(roles: readonly StoreRole[], action: StoreAction): boolean {
  return roles.some((role) => ALLOWED[role].includes(action));
}

export function assertCan(roles: readonly StoreRole[], action: StoreAction) {
  if (!can(roles, action)) throw new DomainError("permission.denied", undefined, { action });
}
