"use client";
import { useActionState } from "react";
import { inviteMemberAction } from "@/server/actions/members";
import { type Dictionary, format } from "@/i18n";
import { CopyLink } from "../ui/copy-link";
import { Field, FormError } from "../ui/field";
import { SubmitButton } from "../ui/submit-button";

export function InviteForm({ t, store }: { t: Dictionary; store: string }) {
  const [state, action] = useActionState(inviteMemberAction, {});
  const v = state.result ? {} : (state.values ?? {});
  return (
    <div className="space-y-4">
      {state.result && (
        <div role="status" className="space-y-2 rounded-lg border border-brand-200 bg-brand-50 p-3 text-sm text-brand-800">
          <p>{format(t.settings.inviteCreated, { email: state.result.email })}</p>
          <CopyLink path={state.result.path} copyLabel={t.settings.copy} copiedLabel={t.settings.copied} />
        </div>
      )}
      <form action={action} className="grid gap-3 sm:grid-cols-[1fr_auto_auto] sm:items-start" noValidate key={JSON.stringify(state)}>
        <input type="hidden" name="store" value={store} />
        <Field label={t.auth.email} name="email" type="email" required defaultValue={v.email} error={state.fieldErrors?.email} />
        <Field label={t.settings.role} name="role" error={state.fieldErrors?.role}>
          <select id="role" name="role" defaultValue={v.role ?? "STAFF"} className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm">
            <option value="STAFF">{t.store.roles.STAFF}</option>
            <option value="OWNER">{t.store.roles.OWNER}</option>
          </select>
        </Field>
        <div className="sm:pt-7"><SubmitButton pendingLabel={t.common.loading}>{t.settings.sendInvite}</SubmitButton></div>
        <div className="sm:col-span-3"><FormError message={state.formError} /></div>
      </form>
    </div>
  );
}
