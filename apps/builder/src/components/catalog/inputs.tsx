// Small controlled inputs for the item form: labelled, with their error read out beside them.
import type { InputHTMLAttributes, ReactNode } from "react";

export const inputClass = (invalid?: string) =>
  `block w-full rounded-lg border bg-white px-3 py-2 text-sm text-slate-900 shadow-xs outline-none focus:ring-2 ${invalid ? "border-red-400 focus:ring-red-200" : "border-slate-300 focus:border-brand-500 focus:ring-brand-100"}`;

export const smallButtonClass =
  "rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-40 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600";

export function ErrorText({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return <p id={id} role="alert" className="text-xs font-medium text-red-600">{message}</p>;
}

/** An input that names itself by its field path and says its error; the label may be visible or only spoken. */
export function TextInput({
  path, label, hiddenLabel, value, onValue, error, hint, ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, "value"> & {
  path: string; label: ReactNode; hiddenLabel?: boolean; value: string; onValue: (value: string) => void; error?: string; hint?: ReactNode;
}) {
  const describedBy = [error && `${path}-error`, hint && `${path}-hint`].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1.5">
      <label htmlFor={path} className={hiddenLabel ? "sr-only" : "block text-sm font-medium text-slate-800"}>{label}</label>
      <input
        id={path}
        value={value}
        onChange={(event) => onValue(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={inputClass(error)}
        {...input}
      />
      {hint && !error && <p id={`${path}-hint`} className="text-xs text-slate-500">{hint}</p>}
      <ErrorText id={`${path}-error`} message={error} />
    </div>
  );
}

export function CheckBox({ id, label, checked, onChecked }: { id: string; label: ReactNode; checked: boolean; onChecked: (checked: boolean) => void }) {
  return (
    <label htmlFor={id} className="inline-flex items-center gap-2 text-sm text-slate-800">
      <input id={id} type="checkbox" checked={checked} onChange={(event) => onChecked(event.target.checked)} className="h-4 w-4 rounded border-slate-300 accent-brand-600" />
      {label}
    </label>
  );
}
