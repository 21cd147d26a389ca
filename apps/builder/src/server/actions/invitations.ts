"use server";
import { newAccountSchema } from "@kaidian/accounts";
import { acceptInvitation, acceptInvitationWithNewAccount, resolveStore } from "@kaidian/tenancy";
import { redirect } from "next/navigation";
import { z } from "zod";
import { database } from "../db";
import { recordStoreEvent } from "../audit";
import { formAction } from "../form-action";
import { requireUser, startSession } from "../session";

const linkSchema = z.object({ tenantId: z.string().max(64), secret: z.string().max(128) });

/** Records the new member's joining in the store's log; returns the store's path. */
async function joined(userId: string, tenantId: string) {
  const access = await resolveStore(database(), userId, tenantId);
  await recordStoreEvent(access, "member.joined", { role: access.role });
  return `/stores/${access.store.slug}`;
}

export const acceptInvitationAction = formAction(linkSchema, async ({ tenantId, secret }) => {
  const user = await requireUser();
  await acceptInvitation(database(), tenantId, secret, user);
  redirect(await joined(user.id, tenantId));
});

export const joinWithNewAccountAction = formAction(
  z.intersection(linkSchema, newAccountSchema),
  async ({ tenantId, secret, ...fields }) => {
    const account = await acceptInvitationWithNewAccount(database(), tenantId, secret, fields);
    await startSession(account);
    redirect(await joined(account.user.id, tenantId));
  },
);
