"use server";
import { DomainError } from "@kaidian/accounts";
import { agencyOf, agencyStoreInputSchema, createAgencyStore, createOwnStore, newStoreSchema } from "@kaidian/tenancy";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { database } from "../db";
import { formAction } from "../form-action";
import { requireUser } from "../session";

export const createStoreAction = formAction(newStoreSchema, async (input) => {
  const user = await requireUser();
  const store = await createOwnStore(database(), user.id, input);
  redirect(`/stores/${store.slug}`);
});

export const createAgencyStoreAction = formAction(agencyStoreInputSchema, async (input) => {
  const user = await requireUser();
  const membership = await agencyOf(database(), user.id);
  if (!membership) throw new DomainError("permission.denied");
  const { store, invitation } = await createAgencyStore(database(), { userId: user.id, membership }, input);
  revalidatePath("/agency");
  return { storeName: store.name, storeSlug: store.slug, invitation: invitation && { email: invitation.email, path: invitation.path } };
});
