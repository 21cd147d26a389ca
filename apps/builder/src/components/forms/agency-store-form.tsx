"use client";
import Link from "next/link";
import { useActionState } from "react";
import { createAgencyStoreAction } from "@/server/actions/stores";
import { type Dictionary, format, type Locale } from "@/i18n";
import { CopyLink } from "../ui/copy-link";
import { Field, FormError } from "../ui/field";
import { SubmitButton } from "../ui/submit-button";
import { TemplatePicker } from "./template-picker";

export function AgencyStoreForm({ t, locale }: { t: Dictionary; locale: Locale }) {
  const [state, action] = useActionState(createAgencyStoreAction, {});
  const created = state.result;
  // After a success the form starts empty again; after an error it keeps what was typed.
  const v = created ? {} : (state.values ?? {});
  return (
    <div className="space-y-4">
      {created && (
        <div role="status" className="space-y-2 rounded-lg border border-brand-200 bg-brand-50 p-3 text-sm text-brand-800">
          <p>
            {format(t.agency.created, { name: created.storeName })}{" "}
            <Link className="font-medium underline" href={`/stores/${created.storeSlug}`}>{t.agency.open}</Link>
          </p>
          {created.invitation && (
            <>
              <p>{format(t.settings.inviteCreated, { email: created.invitation.email })}</p>
              <CopyLink path={created.invitation.path} copyLabel={t.settings.copy} copiedLabel={t.settings.copied} />
            </>
          )}
        </div>
      )}
      <form action={action} className="space-y-4" noValidate key={JSON.stringify(state)}>
        <FormError message={state.formError} />
        <Field label={t.store.name} name="storeName" required defaultValue={v.storeName} error={state.fieldErrors?.storeName} />
        <TemplatePicker t={t} locale={locale} selected={v.templateId} error={state.fieldErrors?.templateId} />
        <Field label={t.agency.ownerEmail} name="ownerEmail" type="email" defaultValue={v.ownerEmail} error={state.fieldErrors?.ownerEmail} />
        <SubmitButton pendingLabel={t.common.loading}>{t.store.create}</SubmitButton>
      </form>
    </div>
  );
}
