"use client";
import { useActionState } from "react";
import { joinWithNewAccountAction } from "@/server/actions/invitations";
import type { Dictionary } from "@/i18n";
import { Field, FormError } from "../ui/field";
import { SubmitButton } from "../ui/submit-button";

/** Someone new accepts an invitation: the email is the invited one and cannot be changed. */
export function JoinForm({ t, tenantId, secret, email }: { t: Dictionary; tenantId: string; secret: string; email: string }) {
  const [state, action] = useActionState(joinWithNewAccountAction, {});
  return (
    <form action={action} className="space-y-4" noValidate key={JSON.stringify(state.values ?? {})}>
      <FormError message={state.formError} />
      <input type="hidden" name="tenantId" value={tenantId} />
      <input type="hidden" name="secret" value={secret} />
      <Field label={t.auth.email} name="email" type="email" readOnly value={email} error={state.fieldErrors?.email} />
      <Field label={t.auth.name} name="name" autoComplete="name" required defaultValue={state.values?.name} error={state.fieldErrors?.name} />
      <Field label={t.auth.password} name="password" type="password" autoComplete="new-password" required hint={t.auth.passwordHint} error={state.fieldErrors?.password} />
      <SubmitButton pendingLabel={t.common.loading} className="w-full">{t.invite.createAccount}</SubmitButton>
    </form>
  );
}
