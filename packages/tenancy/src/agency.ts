// The agency side: an agency serves many merchants' stores; its admins open stores and invite their owners,
// its publishers publish builds.
import { DomainError } from "@kaidian/accounts";
import type { AgencyRole, Database } from "@kaidian/db";
import type { Store } from "./access";
import { createInvitation, type CreatedInvitation } from "./invitations";
import type { AgencyStoreInput } from "./schemas";
import { withNewStore } from "./stores";

export type AgencyMembership = { agency: { id: string; name: string; slug: string }; role: AgencyRole };

/** The agency the user works for, if any (a user belongs to at most one agency in this version). */
export async function agencyOf(db: Database, userId: string): Promise<AgencyMembership | null> {
  const membership = await db.scoped({ userId }, (tx) =>
    tx.agencyMember.findFirst({
      where: { userId },
      select: { role: true, agency: { select: { id: true, name: true, slug: true } } },
      orderBy: { createdAt: "asc" },
    }),
  );
  return membership;
}

/** An agency admin opens a store for a merchant and, given the merchant's email, invites them as its owner. */
export async function createAgencyStore(
  db: Database,
  actor: { userId: string; membership: AgencyMembership },
  input: AgencyStoreInput,
): Promise<{ store: Store; invitation: CreatedInvitation | null }> {
  if (actor.membership.role !== "ADMIN") throw new DomainError("permission.denied");
  return withNewStore(
    db,
    { name: input.storeName, templateId: input.templateId, agencyId: actor.membership.agency.id },
    actor.userId,
    async (tx, store) => ({
      store,
      invitation: input.ownerEmail
        ? await createInvitation(tx, { tenantId: store.id, email: input.ownerEmail, role: "OWNER", invitedById: actor.userId })
        : null,
    }),
  );
}
