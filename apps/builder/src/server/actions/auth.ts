"use server";
import { signIn, signInInputSchema } from "@kaidian/accounts";
import { merchantSignUpSchema, signUpMerchant } from "@kaidian/tenancy";
import { redirect } from "next/navigation";
import { z } from "zod";
import { database } from "../db";
import { formAction } from "../form-action";
import { homePath } from "../home";
import { safeNextPath } from "../next-path";
import { clientAddress, endSession, startSession } from "../session";

export const signInAction = formAction(
  signInInputSchema.extend({ next: z.string().optional() }),
  async ({ next, ...credentials }) => {
    const signed = await signIn(database(), credentials, await clientAddress());
    await startSession(signed);
    redirect(safeNextPath(next) ?? (await homePath(signed.user.id)));
  },
);

export const signUpAction = formAction(merchantSignUpSchema, async (input) => {
  const signed = await signUpMerchant(database(), input);
  await startSession(signed);
  redirect(`/stores/${signed.store.slug}`);
});

export async function signOutAction() {
  await endSession();
  redirect("/sign-in");
}
