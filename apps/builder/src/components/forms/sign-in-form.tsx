"use client";
import { useActionState } from "react";
import { signInAction } from "@/server/actions/auth";
import type { Dictionary } from "@/i18n";
import { Field, FormError } from "../ui/field";
import { SubmitButton } from "../ui/submit-button";

export function SignInForm({ t, next }: { t: Dictionary; next?: string }) {
  const [state, action] = useActionState(signInAction, {});
  return (
    <form action={action} className="space-y-4" noValidate key={JSON.stringify(state.values ?? {})}>
      <FormError message={state.formError} />
      {next && <input type="hidden" name="next" value={next} />}
      <Field label={t.auth.email} name="email" type="email" autoComplete="username" required defaultValue={state.values?.email} error={state.fieldErrors?.email} />
      <Field label={t.auth.password} name="password" type="password" autoComplete="current-password" required error={state.fieldErrors?.password} />
      <SubmitButton pendingLabel={t.common.loading} className="w-full">{t.auth.signIn}</SubmitButton>
    </form>
  );
}
