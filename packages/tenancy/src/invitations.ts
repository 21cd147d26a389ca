// Invitations to join a store. The link is /invite/<store id>/<secret>; only the secret's sha256 is stored,
// and carrying the store id lets every step run inside that store's row-level-security scope.
import {
  type AccountUser, DomainError, type NewAccount, NotFoundError, createSession, createUser, prepareAccount,
  randomToken, sha256Hex as digest,
} from "@kaidian/accounts";
import type { Database, TenantRole, Transaction } from "@kaidian/db";
import { inStore, type StoreAccess } from "./access";
import { isUuid } from "./ids";
import { assertCan } from "./permissions";
import type { InvitationInput } from "./schemas";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export type CreatedInvitation = { id: string; email: string; role: TenantRole; path: string; expiresAt: Date };

export type InvitationView = {
  id: string;
  email: string;
  role: TenantRole;
  storeName: string;
  state: "pending" | "accepted" | "expired";
  expiresAt: Date;
};

export async function createInvitation(
  tx: Transaction,
  invitation: { tenantId: string; email: string; role: TenantRole; invitedById: string },
  now = new Date(),
): Promise<CreatedInvitation> {
  const secret = randomToken(24);
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  const row = await tx.tenantInvitation.create({
    data: { ...invitation, tokenHash: digest(secret), expiresAt },
    select: { id: true, email: true, role: true },
  });
  return { ...row, expiresAt, path: `/invite/${invitation.tenantId}/${secret}` };
}

/** An owner (or agency admin) invites someone by email; they get a link to share. */
export async function inviteMember(db: Database, access: StoreAccess, input: InvitationInput) {
  assertCan(access.roles, "members");
  return inStore(db, access, async (tx) => {
    const member = await tx.tenantMember.findFirst({
      where: { tenantId: access.store.id, user: { email: input.email } },
      select: { userId: true },
    });
    if (member) throw new DomainError("invitation.alreadyMember", "email");
    return createInvitation(tx, {
      tenantId: access.store.id, email: input.email, role: input.role, invitedById: access.userId,
    });
  });
}

export function listInvitations(db: Database, access: StoreAccess) {
  assertCan(access.roles, "members");
  return inStore(db, access, (tx) =>
    tx.tenantInvitation.findMany({
      where: { acceptedAt: null, expiresAt: { gt: new Date() } },
      select: { id: true, email: true, role: true, expiresAt: true, createdAt: true },
      orderBy: { createdAt: "desc" },
    }),
  );
}

export async function revokeInvitation(db: Database, access: StoreAccess, invitationId: string) {
  assertCan(access.roles, "members");
  const { count } = await inStore(db, access, (tx) =>
    tx.tenantInvitation.deleteMany({ where: { id: invitationId, acceptedAt: null } }),
  );
  if (count === 0) throw new NotFoundError("invitation.notFound");
}

async function findBySecret(tx: Transaction, secret: string) {
  return tx.tenantInvitation.findFirst({
    where: { tokenHash: digest(secret) },
    select: {
      id: true, tenantId: true, email: true, role: true, expiresAt: true, acceptedAt: true,
      tenant: { select: { name: true } },
    },
  });
}

function scopeOf(tenantId: string) {
  if (!isUuid(tenantId)) throw new NotFoundError("invitation.notFound");
  return { tenantId };
}

/** What the invitation page shows. Unknown links, and links of another store, are "not found". */
export async function viewInvitation(db: Database, tenantId: string, secret: string, now = new Date()): Promise<InvitationView> {
  const row = await db.scoped(scopeOf(tenantId), (tx) => findBySecret(tx, secret));
  if (!row) throw new NotFoundError("invitation.notFound");
  const state = row.acceptedAt ? "accepted" : row.expiresAt <= now ? "expired" : "pending";
  return { id: row.id, email: row.email, role: row.role, storeName: row.tenant.name, state, expiresAt: row.expiresAt };
}

async function accept(tx: Transaction, secret: string, user: AccountUser, now: Date) {
  const row = await findBySecret(tx, secret);
  if (!row) throw new NotFoundError("invitation.notFound");
  if (row.acceptedAt) throw new DomainError("invitation.used");
  if (row.expiresAt <= now) throw new DomainError("invitation.expired");
  if (row.email !== user.email) throw new DomainError("invitation.otherEmail", undefined, { email: row.email });
  // Claiming the row first makes a double click or a second tab accept it only once.
  const { count } = await tx.tenantInvitation.updateMany({
    where: { id: row.id, acceptedAt: null },
    data: { acceptedAt: now, acceptedById: user.id },
  });
  if (count === 0) throw new DomainError("invitation.used");
  // Someone who joined meanwhile keeps their role unless the invitation raises it: a stale staff invitation
  // never demotes an owner.
  const key = { tenantId_userId: { tenantId: row.tenantId, userId: user.id } };
  const existing = await tx.tenantMember.findUnique({ where: key, select: { role: true } });
  if (!existing) await tx.tenantMember.create({ data: { tenantId: row.tenantId, userId: user.id, role: row.role } });
  else if (existing.role === "STAFF" && row.role === "OWNER") await tx.tenantMember.update({ where: key, data: { role: "OWNER" } });
  return row.tenantId;
}

/** A signed-in user accepts an invitation addressed to their email. Returns the store id. */
export function acceptInvitation(db: Database, tenantId: string, secret: string, user: AccountUser, now = new Date()) {
  return db.scoped({ ...scopeOf(tenantId), userId: user.id }, (tx) => accept(tx, secret, user, now));
}

/** Someone without an account accepts: the account, the membership and a session are created together. */
export async function acceptInvitationWithNewAccount(
  db: Database,
  tenantId: string,
  secret: string,
  account: NewAccount,
  now = new Date(),
) {
  // Refuse a dead link before spending a password hash on it.
  const invitation = await viewInvitation(db, tenantId, secret, now);
  if (invitation.state !== "pending") throw new DomainError(invitation.state === "expired" ? "invitation.expired" : "invitation.used");
  const prepared = await prepareAccount(account);
  return db.scoped(scopeOf(tenantId), async (tx) => {
    const user = await createUser(tx, prepared);
    await accept(tx, secret, user, now);
    return { user, tenantId, ...(await createSession(tx, user.id)) };
  });
}
