import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from "react";
import { ReloadButton } from "./reload-button";

type Frame = { label: ReactNode; name: string; error?: string; hint?: ReactNode };

const controlClass = (error: string | undefined, extra = "") =>
  `block w-full rounded-lg border bg-white px-3 py-2 text-sm text-slate-900 shadow-xs outline-none focus:ring-2 ${error ? "border-red-400 focus:ring-red-200" : "border-slate-300 focus:border-brand-500 focus:ring-brand-100"} ${extra}`;

/** The label above a control, its hint or its error below, wired for screen readers. */
function FieldFrame({ label, name, error, hint, children }: Frame & { children: ReactNode }) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={name} className="block text-sm font-medium text-slate-800">{label}</label>
      {children}
      {hint && !error && <p id={`${name}-hint`} className="text-xs text-slate-500">{hint}</p>}
      {error && <p id={`${name}-error`} role="alert" className="text-xs font-medium text-red-600">{error}</p>}
    </div>
  );
}

const describedBy = ({ name, error, hint }: Frame) => [error && `${name}-error`, hint && `${name}-hint`].filter(Boolean).join(" ") || undefined;

/** A labelled input with its hint and its error; `children` replaces the input (a select, say). */
export function Field({ label, name, error, hint, children, ...input }: InputHTMLAttributes<HTMLInputElement> & Frame & { children?: ReactNode }) {
  return (
    <FieldFrame label={label} name={name} error={error} hint={hint}>
      {children ?? (
        <input id={name} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy({ label, name, error, hint })} className={controlClass(error)} {...input} />
      )}
    </FieldFrame>
  );
}

/** A labelled text area, as Field; `monospace` for pasted code such as a key. */
export function TextAreaField({ label, name, error, hint, monospace, ...textarea }: TextareaHTMLAttributes<HTMLTextAreaElement> & Frame & { monospace?: boolean }) {
  return (
    <FieldFrame label={label} name={name} error={error} hint={hint}>
      <textarea
        id={name}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy({ label, name, error, hint })}
        className={controlClass(error, monospace ? "font-mono text-xs" : "")}
        {...textarea}
      />
    </FieldFrame>
  );
}

/** The form's own message; with `reload` (a refused stale save), a button that reloads to show the other save. */
export function FormError({ message, reload }: { message?: string; reload?: string }) {
  if (!message) return null;
  if (reload) {
    return (
      <p role="alert" className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
        {message}
        <ReloadButton label={reload} />
      </p>
    );
  }
  return <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">{message}</p>;
}
