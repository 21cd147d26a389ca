"use client";
// Publishing an earlier build again: its stored package, unchanged, under a new version and description.
import { useActionState } from "react";
import type { Dictionary } from "@/i18n";
import { republishAction, retryBuildAction } from "@/server/actions/publishing";
import { Field, FormError } from "../ui/field";
import { SubmitButton } from "../ui/submit-button";

export function RepublishForm({ t, store, number, version }: { t: Dictionary; store: string; number: number; version: string }) {
  const [state, action] = useActionState(republishAction, {});
  const v = state.values ?? {};
  return (
    <form action={action} noValidate className="space-y-3" key={JSON.stringify(state)}>
      <input type="hidden" name="store" value={store} />
      <input type="hidden" name="source" value={number} />
      <p className="text-sm text-slate-600">{t.publish.build.republishLead}</p>
      <Field label={t.publish.upload.version} name="version" maxLength={64} defaultValue={v.version ?? version} error={state.fieldErrors?.version} />
      <Field label={t.publish.upload.description} name="description" maxLength={200} defaultValue={v.description} error={state.fieldErrors?.description} />
      <FormError message={state.formError} />
      <SubmitButton variant="secondary" pendingLabel={t.common.loading}>{t.publish.build.republish}</SubmitButton>
    </form>
  );
}

export function RetryBuildButton({ t, store, number }: { t: Dictionary; store: string; number: number }) {
  const [state, action] = useActionState(retryBuildAction, {});
  return (
    <form action={action}>
      <input type="hidden" name="store" value={store} />
      <input type="hidden" name="number" value={number} />
      <SubmitButton pendingLabel={t.common.loading}>{t.publish.build.retry}</SubmitButton>
      <FormError message={state.formError} />
    </form>
  );
}
