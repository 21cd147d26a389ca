"use server";
// An agency publisher's bulk publish and its retry of the failed stores.
import { DomainError, NotFoundError } from "@kaidian/accounts";
import { batchInputSchema, retryFailed, startBatch, type Publisher } from "@kaidian/publishing";
import { agencyOf } from "@kaidian/tenancy";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { database } from "../db";
import { formAction } from "../form-action";
import { clientAddress, requireUser } from "../session";

async function publisher(): Promise<Publisher> {
  const user = await requireUser();
  const membership = await agencyOf(database(), user.id);
  if (!membership) throw new NotFoundError("batch.notFound");
  return { userId: user.id, membership };
}

export const startBatchAction = formAction(batchInputSchema.omit({ stores: true }), async (input, formData) => {
  // The checked stores arrive as repeated `stores` fields.
  const stores = batchInputSchema.shape.stores.safeParse(formData.getAll("stores"));
  if (!stores.success) throw new DomainError(stores.error.issues[0]!.message, "stores");
  const batch = await startBatch(database(), await publisher(), { ...input, stores: stores.data }, await clientAddress());
  redirect(`/agency/publish/${batch.id}`);
});

export const retryFailedAction = formAction(z.object({ batch: z.string().uuid() }), async ({ batch }) => {
  const count = await retryFailed(database(), await publisher(), batch, await clientAddress());
  revalidatePath(`/agency/publish/${batch}`);
  return { count };
});
