"use client";
// The Mini Program's AppSecret: write-only. What is typed goes to the server once and is never sent back; the form
// shows only that a secret is stored, and since when.
import { useActionState } from "react";
import { format, type Dictionary } from "@/i18n";
import { saveAppSecretAction } from "@/server/actions/wechat";
import { Field, FormError } from "../ui/field";
import { SubmitButton } from "../ui/submit-button";

export function AppSecretForm({ t, locale, store, revision, storedAt }: { t: Dictionary; locale: string; store: string; revision: number; storedAt: string | null }) {
  const [state, action] = useActionState(saveAppSecretAction, {});
  const words = t.appSecret;
  const stored = state.result?.savedAt ?? storedAt;
  return (
    <form action={action} noValidate className="space-y-3" key={state.result?.savedAt ?? "secret"}>
      <input type="hidden" name="store" value={store} />
      <input type="hidden" name="revision" value={revision} />
      <p className="text-sm text-slate-600">{words.lead}</p>
      <p className="text-sm text-slate-700" data-testid="app-secret-status">
        {stored ? format(words.stored, { date: new Date(stored).toLocaleString(locale) }) : words.none}
      </p>
      <Field label={words.label} name="appSecret" type="password" hint={words.hint} maxLength={64} spellCheck={false} autoComplete="off" error={state.fieldErrors?.appSecret} />
      <FormError message={state.formError} reload={state.stale ? t.edits.reload : undefined} />
      {state.result && <p role="status" className="text-sm text-brand-700">{words.saved}</p>}
      <SubmitButton pendingLabel={t.common.loading}>{stored ? words.replace : words.save}</SubmitButton>
    </form>
  );
}
