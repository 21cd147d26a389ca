"use client";
import { type InputHTMLAttributes, useActionState, useState } from "react";
import { type Dictionary, format } from "@/i18n";
import { deleteTableAction, updateTableAction } from "@/server/actions/tables";
import { Button } from "../ui/button";
import { ReloadButton } from "../ui/reload-button";
import { SubmitButton } from "../ui/submit-button";

type Table = { id: string; name: string; code: string; seats: number; revision: number };

/** One table: its facts, or the form that edits them; and its delete button. */
export function TableRow({ t, store, table }: { t: Dictionary; store: string; table: Table }) {
  const [editing, setEditing] = useState(false);
  const [state, update] = useActionState(async (previous: Awaited<ReturnType<typeof updateTableAction>>, formData: FormData) => {
    const next = await updateTableAction(previous, formData);
    if (next.result) setEditing(false);
    return next;
  }, {});
  const [removal, remove] = useActionState(deleteTableAction, {});
  const v = state.values ?? {};

  if (editing) {
    return (
      <li className="py-3">
        <form action={update} noValidate className="grid gap-3 sm:grid-cols-[1fr_8rem_auto_auto] sm:items-start" aria-label={format(t.tables.editLabel, { name: table.name })}>
          <input type="hidden" name="store" value={store} />
          <input type="hidden" name="tableId" value={table.id} />
          <input type="hidden" name="revision" value={table.revision} />
          <Input id={`name-${table.id}`} label={t.tables.name} name="name" maxLength={12} defaultValue={v.name ?? table.name} error={state.fieldErrors?.name} autoFocus />
          <Input id={`seats-${table.id}`} label={t.tables.seats} name="seats" inputMode="numeric" defaultValue={v.seats ?? String(table.seats)} error={state.fieldErrors?.seats} />
          <div className="sm:pt-7"><SubmitButton pendingLabel={t.common.loading}>{t.tables.save}</SubmitButton></div>
          <div className="sm:pt-7"><Button type="button" variant="secondary" onClick={() => setEditing(false)}>{t.tables.cancel}</Button></div>
          {state.formError && (
            <p role="alert" className="text-sm text-red-600 sm:col-span-4">
              {state.formError}
              {state.stale && <ReloadButton label={t.edits.reload} />}
            </p>
          )}
        </form>
      </li>
    );
  }
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm">
      <span className="min-w-0">
        <span className="block font-medium">{table.name}</span>
        <span className="block text-xs text-slate-500">{t.tables.seats} {table.seats} · {t.tables.code} <span className="font-mono">{table.code}</span></span>
      </span>
      <span className="flex items-center gap-2">
        {removal.formError && <span role="alert" className="text-xs text-red-600">{removal.formError}</span>}
        <Button type="button" variant="secondary" aria-label={format(t.tables.editLabel, { name: table.name })} onClick={() => setEditing(true)}>{t.tables.edit}</Button>
        <form action={remove}>
          <input type="hidden" name="store" value={store} />
          <input type="hidden" name="tableId" value={table.id} />
          <Button type="submit" variant="danger" aria-label={format(t.tables.deleteLabel, { name: table.name })}>{t.tables.delete}</Button>
        </form>
      </span>
    </li>
  );
}

/** A labelled input whose id is the row's own, so several rows' fields never share one. */
function Input({ id, label, error, ...input }: InputHTMLAttributes<HTMLInputElement> & { id: string; label: string; name: string; error?: string }) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">{label}</label>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}
        className={`block w-full rounded-lg border bg-white px-3 py-2 text-sm ${error ? "border-red-400" : "border-slate-300"}`} {...input} />
      {error && <p id={`${id}-error`} role="alert" className="text-xs font-medium text-red-600">{error}</p>}
    </div>
  );
}
