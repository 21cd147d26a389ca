"use client";
// Export and import of the products or dishes as a spreadsheet: the columns, the download, and an upload that
// either imports every row or lists every problem by line and column and imports none.
import { CSV_COLUMNS, type CsvKind } from "@kaidian/catalog";
import { useActionState } from "react";
import { format, type Dictionary } from "@/i18n";
import { importCatalogAction } from "@/server/actions/catalog";
import { buttonClass } from "../ui/button";
import { SubmitButton } from "../ui/submit-button";

export function CsvPanel({ t, store, kind, exportHref }: { t: Dictionary; store: string; kind: CsvKind; exportHref: string }) {
  const words = t.catalog.csv;
  const [state, run] = useActionState(importCatalogAction, null);
  return (
    <div className="space-y-3 text-sm">
      <p className="text-slate-600">{format(words.lead, { item: t.catalog.itemName[kind] })}</p>
      <p className="text-slate-600">{format(words.columns, { columns: CSV_COLUMNS[kind].map((column) => column.header).join("、") })}</p>
      <p className="text-slate-600">{words.skusNote}</p>
      <a href={exportHref} className={buttonClass("secondary")} download>{words.export}</a>
      <form action={run} className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="store" value={store} />
        <div className="space-y-1.5">
          <label htmlFor="catalog-csv" className="block font-medium text-slate-800">{words.file}</label>
          <input id="catalog-csv" name="file" type="file" accept=".csv,text/csv" className="block text-sm" />
        </div>
        <SubmitButton variant="secondary" pendingLabel={words.importing}>{words.import}</SubmitButton>
      </form>
      {state?.ok && (
        <p role="status" className="rounded-lg border border-brand-200 bg-brand-50 px-3 py-2 text-brand-800">
          {format(words.imported, state.result)}
        </p>
      )}
      {state && !state.ok && (
        <div role="alert" className="space-y-1 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-red-700">
          <p>{state.message}</p>
          {state.problems && (
            <ul className="list-disc pl-5" data-testid="csv-problems">
              {state.problems.map((problem, index) => <li key={index}>{problem}</li>)}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
