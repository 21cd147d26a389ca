"use client";
import { useActionState } from "react";
import { type Dictionary, format } from "@/i18n";
import { addTableAction } from "@/server/actions/tables";
import { Field, FormError } from "../ui/field";
import { SubmitButton } from "../ui/submit-button";

export function AddTableForm({ t, store }: { t: Dictionary; store: string }) {
  const [state, action] = useActionState(addTableAction, {});
  const v = state.result ? {} : (state.values ?? {});
  return (
    <form action={action} noValidate className="grid gap-3 sm:grid-cols-[1fr_8rem_auto] sm:items-start" key={JSON.stringify(state)}>
      <input type="hidden" name="store" value={store} />
      <Field label={t.tables.name} name="name" hint={t.tables.nameHint} maxLength={12} defaultValue={v.name} error={state.fieldErrors?.name} />
      <Field label={t.tables.seats} name="seats" inputMode="numeric" defaultValue={v.seats ?? "4"} error={state.fieldErrors?.seats} />
      <div className="sm:pt-7"><SubmitButton pendingLabel={t.common.loading}>{t.tables.add}</SubmitButton></div>
      <div className="sm:col-span-3">
        <FormError message={state.formError} />
        {state.result && <p role="status" className="text-sm text-brand-700">{format(t.tables.added, { name: state.result.name })}</p>}
      </div>
    </form>
  );
}
