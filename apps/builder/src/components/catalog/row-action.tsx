"use client";
// One button of the catalog list as a small form: it works from the keyboard and before the page's script loads,
// asks first when told to, and says why when the catalog refuses.
import { useActionState } from "react";
import type { CatalogActionResult } from "@/server/actions/catalog";
import { smallButtonClass } from "./inputs";

type Action = (previous: CatalogActionResult | null, formData: FormData) => Promise<CatalogActionResult>;

export function RowAction({ action, fields, label, spokenLabel, confirm, tone }: {
  action: Action;
  fields: Record<string, string>;
  label: string;
  spokenLabel?: string;
  confirm?: string;
  tone?: "danger";
}) {
  const [state, run, pending] = useActionState(action, null);
  return (
    <form
      action={run}
      className="inline"
      onSubmit={(event) => {
        if (confirm && !window.confirm(confirm)) event.preventDefault();
      }}
    >
      {Object.entries(fields).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
      <button type="submit" disabled={pending} aria-label={spokenLabel} className={`${smallButtonClass} ${tone === "danger" ? "text-red-700" : ""}`}>
        {label}
      </button>
      {state && !state.ok && state.message && <span role="alert" className="ml-2 text-xs font-medium text-red-600">{state.message}</span>}
    </form>
  );
}
