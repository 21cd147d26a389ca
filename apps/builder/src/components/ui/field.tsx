import type { InputHTMLAttributes, ReactNode } from "react";

/** A labelled input with its hint and its error, wired for screen readers. */
export function Field({
  label, name, error, hint, children, ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: ReactNode; name: string; error?: string; hint?: ReactNode; children?: ReactNode }) {
  const describedBy = [error && `${name}-error`, hint && `${name}-hint`].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1.5">
      <label htmlFor={name} className="block text-sm font-medium text-slate-800">{label}</label>
      {children ?? (
        <input
          id={name}
          name={name}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className={`block w-full rounded-lg border bg-white px-3 py-2 text-sm text-slate-900 shadow-xs outline-none focus:ring-2 ${error ? "border-red-400 focus:ring-red-200" : "border-slate-300 focus:border-brand-500 focus:ring-brand-100"}`}
          {...input}
        />
      )}
      {hint && !error && <p id={`${name}-hint`} className="text-xs text-slate-500">{hint}</p>}
      {error && <p id={`${name}-error`} role="alert" className="text-xs font-medium text-red-600">{error}</p>}
    </div>
  );
}

export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">{message}</p>;
}
