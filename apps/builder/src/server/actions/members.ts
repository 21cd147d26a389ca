"use server";
import { invitationInputSchema, inviteMember, revokeInvitation, storeRefSchema } from "@kaidian/tenancy";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { database } from "../db";
import { recordStoreEvent } from "../audit";
import { formAction } from "../form-action";
import { requireStore } from "../session";

export const inviteMemberAction = formAction(invitationInputSchema.extend({ store: storeRefSchema }), async ({ store, ...input }) => {
  const access = await requireStore(store);
  const invitation = await inviteMember(database(), access, input);
  await recordStoreEvent(access, "member.invited", { email: invitation.email, role: input.role });
  revalidatePath(`/stores/${access.store.slug}/settings`);
  return { email: invitation.email, path: invitation.path };
});

export const revokeInvitationAction = formAction(
  z.object({ store: storeRefSchema, invitationId: z.uuid() }),
  async ({ store, invitationId }) => {
    const access = await requireStore(store);
    await revokeInvitation(database(), access, invitationId);
    await recordStoreEvent(access, "member.invitationRevoked", { invitation: invitationId });
    revalidatePath(`/stores/${access.store.slug}/settings`);
  },
);
