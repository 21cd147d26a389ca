"use server";
import { newAccountSchema } from "@kaidian/accounts";
import { acceptInvitation, acceptInvitationWithNewAccount, resolveStore } from "@kaidian/tenancy";
import { redirect } from "next/navigation";
import { z } from "zod";
import { database } from "../db";
import { formAction } from "../form-action";
import { requireUser, startSession } from "../session";

const linkSchema = z.object({ tenantId: z.string().max(64), secret: z.string().max(128) });

async function storePath(userId: string, tenantId: string) {
  const access = await resolveStore(database(), userId, tenantId);
  return `/stores/${access.store.slug}`;
}

export const acceptInvitationAction = formAction(linkSchema, async ({ tenantId, secret }) => {
  const user = await requireUser();
  await acceptInvitation(database(), tenantId, secret, user);
  redirect(await storePath(user.id, tenantId));
});

export const joinWithNewAccountAction = formAction(
  z.intersection(linkSchema, newAccountSchema),
  async ({ tenantId, secret, ...account }) => {
    const joined = await acceptInvitationWithNewAccount(database(), tenantId, secret, account);
    await startSession(joined);
    redirect(await storePath(joined.user.id, tenantId));
  },
);
