"use client";
// The code-upload key, as the downloaded file or pasted. What is typed is never sent back to the browser; only the
// stored key's fingerprint is shown.
import { useActionState } from "react";
import { format, type Dictionary } from "@/i18n";
import { saveUploadKeyAction } from "@/server/actions/wechat";
import { FormError, TextAreaField } from "../ui/field";
import { SubmitButton } from "../ui/submit-button";

export function UploadKeyForm({ t, store, stored, locale }: { t: Dictionary; store: string; stored: { fingerprint: string; updatedAt: string } | null; locale: string }) {
  const [state, action] = useActionState(saveUploadKeyAction, {});
  const words = t.wechat;
  return (
    <form action={action} noValidate className="space-y-3" key={state.result?.fingerprint ?? "key"}>
      <input type="hidden" name="store" value={store} />
      <p className="text-sm text-slate-700" data-testid="key-status">
        {stored ? format(words.keyStored, { fingerprint: stored.fingerprint, date: new Date(stored.updatedAt).toLocaleString(locale) }) : words.keyNone}
      </p>
      <div className="space-y-1.5">
        <label htmlFor="privateKeyFile" className="block text-sm font-medium text-slate-800">{words.keyFile}</label>
        <input id="privateKeyFile" name="privateKeyFile" type="file" accept=".key,.pem,text/plain" className="block w-full text-sm file:mr-3 file:rounded-lg file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5" />
      </div>
      <TextAreaField
        label={words.keyText}
        name="privateKey"
        hint={words.keyHint}
        rows={4}
        spellCheck={false}
        autoComplete="off"
        placeholder="-----BEGIN RSA PRIVATE KEY-----"
        error={state.fieldErrors?.privateKey}
        monospace
      />
      <FormError message={state.formError} />
      {state.result && <p role="status" className="text-sm text-brand-700">{format(words.keySaved, { fingerprint: state.result.fingerprint })}</p>}
      <SubmitButton pendingLabel={t.common.loading}>{stored ? words.keyReplace : words.keyUpload}</SubmitButton>
    </form>
  );
}
