"use client";
// The version and description of an upload; the action queues the build and opens its page.
import { useActionState } from "react";
import type { Dictionary } from "@/i18n";
import { uploadAction } from "@/server/actions/publishing";
import { Field, FormError, TextAreaField } from "../ui/field";
import { SubmitButton } from "../ui/submit-button";

export function UploadForm({ t, store, suggestedVersion, blocked }: { t: Dictionary; store: string; suggestedVersion: string; blocked: boolean }) {
  const [state, action] = useActionState(uploadAction, {});
  const v = state.values ?? {};
  const words = t.publish.upload;
  return (
    <form action={action} noValidate className="space-y-3" key={JSON.stringify(state)}>
      <input type="hidden" name="store" value={store} />
      <p className="text-sm text-slate-600">{words.lead}</p>
      <Field label={words.version} name="version" hint={words.versionHint} maxLength={64} defaultValue={v.version ?? suggestedVersion} error={state.fieldErrors?.version} />
      <TextAreaField
        label={words.description}
        name="description"
        hint={words.descriptionHint}
        rows={3}
        maxLength={200}
        defaultValue={v.description}
        error={state.fieldErrors?.description}
      />
      <FormError message={state.formError} />
      {blocked ? (
        <p className="rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-600">{words.blocked}</p>
      ) : (
        <SubmitButton pendingLabel={t.common.loading}>{words.submit}</SubmitButton>
      )}
    </form>
  );
}
