"use client";
import { useActionState } from "react";
import { signUpAction } from "@/server/actions/auth";
import type { Dictionary, Locale } from "@/i18n";
import { Field, FormError } from "../ui/field";
import { SubmitButton } from "../ui/submit-button";
import { TemplatePicker } from "./template-picker";

export function SignUpForm({ t, locale }: { t: Dictionary; locale: Locale }) {
  const [state, action] = useActionState(signUpAction, {});
  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate key={JSON.stringify(v)}>
      <FormError message={state.formError} />
      <Field label={t.auth.name} name="name" autoComplete="name" required defaultValue={v.name} error={e.name} />
      <Field label={t.auth.email} name="email" type="email" autoComplete="email" required defaultValue={v.email} error={e.email} />
      <Field label={t.auth.password} name="password" type="password" autoComplete="new-password" required hint={t.auth.passwordHint} error={e.password} />
      <div className="border-t border-slate-200 pt-4">
        <h2 className="mb-3 text-sm font-semibold text-slate-900">{t.auth.storeSection}</h2>
        <div className="space-y-4">
          <Field label={t.store.name} name="storeName" required defaultValue={v.storeName} hint={t.store.nameHint} error={e.storeName} />
          <TemplatePicker t={t} locale={locale} selected={v.templateId} error={e.templateId} />
        </div>
      </div>
      <div className="border-t border-slate-200 pt-4">
        <h2 className="text-sm font-semibold text-slate-900">{t.storeSetup.signUp.contact}</h2>
        <p className="mb-3 mt-1 text-xs text-slate-500">{t.storeSetup.signUp.contactLead}</p>
        <div className="space-y-4">
          <Field label={t.storeSetup.signUp.phone} name="phone" type="tel" autoComplete="tel" maxLength={20} defaultValue={v.phone} error={e.phone} />
          <Field label={t.storeSetup.signUp.address} name="address" autoComplete="street-address" maxLength={120} defaultValue={v.address} error={e.address} />
        </div>
      </div>
      <SubmitButton pendingLabel={t.common.loading} className="w-full">{t.store.create}</SubmitButton>
    </form>
  );
}
