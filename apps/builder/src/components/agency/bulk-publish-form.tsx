"use client";
// Choosing stores to publish together: each row says whether the store is ready and what it last uploaded; the
// checked ones get one build each, with the version, description and concurrency given below.
import Link from "next/link";
import { useActionState, useState } from "react";
import { format, type Dictionary } from "@/i18n";
import { startBatchAction } from "@/server/actions/bulk-publish";
import { BuildStatusBadge } from "../publishing/status-badge";
import { Badge } from "../ui/badge";
import { EmptyState } from "../ui/card";
import { Field, FormError } from "../ui/field";
import { SubmitButton } from "../ui/submit-button";

export type BulkRow = {
  id: string;
  name: string;
  /** The store's publish page, where each failing check says how to fix it. */
  href: string;
  template: string;
  status: "ACTIVE" | "SUSPENDED";
  blocking: string[];
  /** The blocking checks' titles, in the store's words. */
  failing: string[];
  lastUpload: { status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED"; version: string | null; number: number } | null;
};

export function BulkPublishForm({ t, rows }: { t: Dictionary; rows: BulkRow[] }) {
  const [state, action] = useActionState(startBatchAction, {});
  const [selected, setSelected] = useState<Set<string>>(() => new Set(rows.filter((row) => row.blocking.length === 0).map((row) => row.id)));
  const words = t.bulk;
  const v = state.values ?? {};
  if (rows.length === 0) return <EmptyState>{t.agency.noStores}</EmptyState>;
  const all = selected.size === rows.length;
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <form action={action} noValidate className="space-y-4">
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="bulk-stores">
          <thead className="border-b border-slate-200 text-xs text-slate-500">
            <tr>
              <th className="py-2 pr-2">
                <label className="flex items-center gap-2">
                  <input type="checkbox" checked={all} onChange={() => setSelected(all ? new Set() : new Set(rows.map((row) => row.id)))} />
                  <span>{words.selectAll}</span>
                </label>
              </th>
              <th className="py-2 pr-2">{words.store}</th>
              <th className="py-2 pr-2">{words.template}</th>
              <th className="py-2 pr-2">{words.readiness}</th>
              <th className="py-2">{words.lastVersion}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.id} data-store={row.name}>
                <td className="py-2 pr-2">
                  <input type="checkbox" name="stores" value={row.id} checked={selected.has(row.id)} onChange={() => toggle(row.id)} aria-label={row.name} />
                </td>
                <td className="py-2 pr-2 font-medium text-slate-900">
                  <Link href={row.href} className="underline-offset-2 hover:underline">{row.name}</Link>
                  {row.status === "SUSPENDED" && <span className="ml-2"><Badge tone="warn">{t.store.status.SUSPENDED}</Badge></span>}
                </td>
                <td className="py-2 pr-2 text-slate-600">{row.template}</td>
                <td className="py-2 pr-2">
                  {row.blocking.length === 0 ? (
                    <Badge tone="good">{words.ready}</Badge>
                  ) : (
                    <div>
                      <Badge tone="bad">{format(words.blocked, { count: row.blocking.length })}</Badge>
                      <ul className="mt-1 list-inside list-disc text-xs text-slate-600" data-testid="failing-checks">
                        {row.failing.map((title) => (
                          <li key={title}>{title}</li>
                        ))}
                      </ul>
                      <Link href={row.href} className="text-xs text-brand-700 underline-offset-2 hover:underline">{t.storeSetup.fixChecks}</Link>
                    </div>
                  )}
                </td>
                <td className="py-2 text-slate-600">
                  {row.lastUpload ? (
                    <span className="inline-flex items-center gap-2">
                      {row.lastUpload.version}
                      <BuildStatusBadge t={t} status={row.lastUpload.status} />
                    </span>
                  ) : (
                    words.never
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {state.fieldErrors?.stores && <p role="alert" className="text-sm font-medium text-red-600">{state.fieldErrors.stores}</p>}
      <div className="grid gap-3 md:grid-cols-[10rem_1fr_8rem]">
        <Field label={words.version} name="version" maxLength={64} defaultValue={v.version} error={state.fieldErrors?.version} />
        <Field label={words.description} name="description" maxLength={200} defaultValue={v.description} error={state.fieldErrors?.description} />
        <Field label={words.concurrency} name="concurrency" type="number" min={1} max={10} hint={words.concurrencyHint} defaultValue={v.concurrency ?? "2"} error={state.fieldErrors?.concurrency} />
      </div>
      <FormError message={state.formError} />
      <SubmitButton pendingLabel={t.common.loading}>{format(words.submit, { count: selected.size })}</SubmitButton>
    </form>
  );
}
