import "server-only";
// The dashboard's side of the audit log (@kaidian/audit): who is acting, from which address.
import { type AuditAction, type AuditActor, type AuditDetails, recordAudit } from "@kaidian/audit";
import { inStore, type StoreAccess } from "@kaidian/tenancy";
import { database } from "./db";
import { clientAddress } from "./session";

/** The signed-in user acting on this request, at the client address trusted as in TRUSTED_PROXIES. */
export async function auditActor(userId: string): Promise<AuditActor> {
  return { id: userId, ip: await clientAddress() };
}

/**
 * Records an event after a domain call that commits its own transaction (inviting, joining). Where the change runs
 * in a transaction here, call recordAudit inside it instead, so the event and the change stand or fall together.
 */
export async function recordStoreEvent(access: StoreAccess, action: AuditAction, details?: AuditDetails): Promise<void> {
  const actor = await auditActor(access.userId);
  await inStore(database(), access, (tx) => recordAudit(tx, { tenantId: access.store.id, actor, action, details }));
}
