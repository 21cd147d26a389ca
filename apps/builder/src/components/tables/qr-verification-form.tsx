"use client";
// Uploading WeChat's check file for the table-code rule; the page shows where WeChat will find it.
import { useActionState } from "react";
import { type Dictionary, format } from "@/i18n";
import { uploadQrVerificationAction } from "@/server/actions/tables";
import { FormError } from "../ui/field";
import { SubmitButton } from "../ui/submit-button";

export function QrVerificationForm({ t, store, current }: { t: Dictionary; store: string; current: { name: string; url: string } | null }) {
  const [state, action] = useActionState(uploadQrVerificationAction, {});
  const words = t.storeSetup.verification;
  const error = state.fieldErrors?.file;
  return (
    <form action={action} noValidate className="mt-3 space-y-2" data-testid="qr-verification">
      <input type="hidden" name="store" value={store} />
      <label htmlFor="qr-verification-file" className="block text-sm font-medium text-slate-800">{words.label}</label>
      <input
        id="qr-verification-file"
        name="file"
        type="file"
        accept=".txt,text/plain"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "qr-verification-file-error" : undefined}
        className="block text-sm"
      />
      {error && <p id="qr-verification-file-error" role="alert" className="text-xs font-medium text-red-600">{error}</p>}
      <FormError message={state.formError} />
      <SubmitButton pendingLabel={t.common.loading}>{words.upload}</SubmitButton>
      {current && (
        <p role="status" className="text-sm text-slate-700">
          {format(words.current, { name: current.name })} <a href={current.url} className="font-mono text-xs text-brand-700 underline">{current.url}</a>
        </p>
      )}
    </form>
  );
}
