"use client";
import { useActionState } from "react";
import { createStoreAction } from "@/server/actions/stores";
import type { Dictionary, Locale } from "@/i18n";
import { Field, FormError } from "../ui/field";
import { SubmitButton } from "../ui/submit-button";
import { TemplatePicker } from "./template-picker";

export function NewStoreForm({ t, locale }: { t: Dictionary; locale: Locale }) {
  const [state, action] = useActionState(createStoreAction, {});
  const v = state.values ?? {};
  return (
    <form action={action} className="space-y-4" noValidate key={JSON.stringify(v)}>
      <FormError message={state.formError} />
      <Field label={t.store.name} name="storeName" required defaultValue={v.storeName} hint={t.store.nameHint} error={state.fieldErrors?.storeName} />
      <TemplatePicker t={t} locale={locale} selected={v.templateId} error={state.fieldErrors?.templateId} />
      <SubmitButton pendingLabel={t.common.loading}>{t.store.create}</SubmitButton>
    </form>
  );
}
