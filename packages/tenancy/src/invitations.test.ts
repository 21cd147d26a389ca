import { DomainError, NotFoundError, signIn } from "@kaidian/accounts";
import type { Database } from "@kaidian/db";
import { superuser, testDatabase, uniqueEmail } from "@kaidian/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type MerchantSignedUp, acceptInvitation, acceptInvitationWithNewAccount, INVITATION_TTL_MS, inviteMember,
  listMembers, resolveStore, signUpMerchant, viewInvitation,
} from "./index";

let db: Database;
let owner: MerchantSignedUp;

const signUp = (storeName = "老街面馆") =>
  signUpMerchant(db, {
    name: "店主", email: uniqueEmail("owner"), password: "noodles-shop-2026", storeName, templateId: "restaurant",
  });

const linkParts = (path: string) => {
  const [, , tenantId, secret] = path.split("/");
  return { tenantId: tenantId!, secret: secret! };
};

beforeAll(async () => {
  db = testDatabase();
  owner = await signUp();
});
afterAll(() => db.disconnect());

const ownerAccess = () => resolveStore(db, owner.user.id, owner.store.slug);

describe("inviting staff", () => {
  it("lets a new person join with the invitation, as staff with staff's rights", async () => {
    const email = uniqueEmail("staff");
    const invitation = await inviteMember(db, await ownerAccess(), { email, role: "STAFF" });
    const { tenantId, secret } = linkParts(invitation.path);
    expect(await viewInvitation(db, tenantId, secret)).toMatchObject({ email, storeName: "老街面馆", state: "pending" });

    const joined = await acceptInvitationWithNewAccount(db, tenantId, secret, { name: "小二", email, password: "kitchen-help-2026" });
    const access = await resolveStore(db, joined.user.id, owner.store.slug);
    expect(access.role).toBe("STAFF");
    expect((await listMembers(db, access)).map((m) => m.role)).toEqual(["OWNER", "STAFF"]);
    await expect(inviteMember(db, access, { email: uniqueEmail(), role: "STAFF" })).rejects.toMatchObject({ code: "permission.denied" });
    expect(await viewInvitation(db, tenantId, secret)).toMatchObject({ state: "accepted" });
  });

  it("accepts an invitation only once and only for the invited email", async () => {
    const existing = await signUp("另一家店");
    const invitation = await inviteMember(db, await ownerAccess(), { email: existing.user.email, role: "OWNER" });
    const { tenantId, secret } = linkParts(invitation.path);

    const stranger = await signUp("陌生人的店");
    await expect(acceptInvitation(db, tenantId, secret, stranger.user)).rejects.toMatchObject({ code: "invitation.otherEmail" });

    await acceptInvitation(db, tenantId, secret, existing.user);
    expect((await resolveStore(db, existing.user.id, owner.store.slug)).role).toBe("OWNER");
    await expect(acceptInvitation(db, tenantId, secret, existing.user)).rejects.toMatchObject({ code: "invitation.used" });
  });

  it("never demotes someone who already holds a stronger role", async () => {
    const coOwner = await signUp("合伙人的店");
    const owners = await inviteMember(db, await ownerAccess(), { email: coOwner.user.email, role: "OWNER" });
    const staffs = await inviteMember(db, await ownerAccess(), { email: uniqueEmail("placeholder"), role: "STAFF" });
    await acceptInvitation(db, linkParts(owners.path).tenantId, linkParts(owners.path).secret, coOwner.user);
    // A stale staff invitation for the same person, sent before they became owner:
    const admin = await superuser();
    await admin.query("UPDATE tenant_invitations SET email = $1 WHERE id = $2", [coOwner.user.email, staffs.id]);
    await admin.end();
    await acceptInvitation(db, linkParts(staffs.path).tenantId, linkParts(staffs.path).secret, coOwner.user);
    expect((await resolveStore(db, coOwner.user.id, owner.store.slug)).role).toBe("OWNER");
  });

  it("refuses an expired invitation", async () => {
    const invitation = await inviteMember(db, await ownerAccess(), { email: uniqueEmail("late"), role: "STAFF" });
    const { tenantId, secret } = linkParts(invitation.path);
    const later = new Date(Date.now() + INVITATION_TTL_MS + 1000);
    expect(await viewInvitation(db, tenantId, secret, later)).toMatchObject({ state: "expired" });
    const refused = acceptInvitationWithNewAccount(db, tenantId, secret, { name: "迟到", email: invitation.email, password: "too-late-2026" }, later);
    await expect(refused).rejects.toMatchObject({ code: "invitation.expired" } satisfies Partial<DomainError>);
    // Nothing half-written: the account was rolled back with the refusal.
    await expect(signIn(db, { email: invitation.email, password: "too-late-2026" }, "203.0.113.9")).rejects.toMatchObject({ code: "signIn.invalid" });
  });

  it("treats a link whose store id was swapped for another store's as unknown", async () => {
    const other = await signUp("别人的店");
    const invitation = await inviteMember(db, await ownerAccess(), { email: uniqueEmail(), role: "STAFF" });
    const { secret } = linkParts(invitation.path);
    await expect(viewInvitation(db, other.store.id, secret)).rejects.toBeInstanceOf(NotFoundError);
    await expect(viewInvitation(db, "not-a-uuid", secret)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses to invite someone who is already a member", async () => {
    await expect(inviteMember(db, await ownerAccess(), { email: owner.user.email, role: "STAFF" })).rejects.toMatchObject({
      code: "invitation.alreadyMember",
      field: "email",
    });
  });
});
