"use client";
// A bulk publish as it runs: one row per store with its build's state, the step it is on and, for a failed store,
// what went wrong and how to fix it. Followed live until every store's build has ended.
import Link from "next/link";
import { useActionState } from "react";
import { format, type Dictionary, type Locale } from "@/i18n";
import { retryFailedAction } from "@/server/actions/bulk-publish";
import { failureMessage } from "../publishing/failure-message";
import { BuildStatusBadge } from "../publishing/status-badge";
import { isActive, type BatchJson } from "../publishing/types";
import { usePolling } from "../publishing/use-polling";
import { FormError } from "../ui/field";
import { SubmitButton } from "../ui/submit-button";

export function BatchTable({ t, locale, initial, catalogNames }: { t: Dictionary; locale: Locale; initial: BatchJson; catalogNames: Record<string, string> }) {
  const batch = usePolling(`/api/agency/batches/${initial.id}`, initial, (value) => value.rows.some((row) => isActive(row.build.status)));
  const [state, retry] = useActionState(retryFailedAction, {});
  const words = t.bulk;
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700" aria-live="polite" data-testid="batch-counts">{format(words.counts, batch.counts)}</p>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="batch-rows">
          <thead className="border-b border-slate-200 text-xs text-slate-500">
            <tr>
              <th className="py-2 pr-3">{words.store}</th>
              <th className="py-2 pr-3">{t.publish.builds}</th>
              <th className="py-2 pr-3">{t.publish.build.steps}</th>
              <th className="py-2">{t.publish.build.failure}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {batch.rows.map((row) => {
              const failure = row.build.errorCode ? failureMessage(t, row.build.errorCode, row.build.errorParams, catalogNames[row.store.templateId] ?? "") : null;
              return (
                <tr key={row.store.id} data-store={row.store.name} data-status={row.build.status}>
                  <td className="py-2 pr-3 font-medium text-slate-900">{row.store.name}</td>
                  <td className="py-2 pr-3">
                    <span className="inline-flex flex-wrap items-center gap-2">
                      <BuildStatusBadge t={t} status={row.build.status} />
                      <Link href={`/stores/${row.store.slug}/publish/builds/${row.build.number}`} className="text-xs text-brand-700 underline-offset-2 hover:underline">
                        {format(t.publish.number, { number: row.build.number })}
                      </Link>
                      {row.earlier > 0 && <span className="text-xs text-slate-500">{format(words.earlier, { count: row.earlier })}</span>}
                    </span>
                  </td>
                  <td className="py-2 pr-3 text-slate-600">
                    {row.build.step ? t.publish.build.step[row.build.step as keyof Dictionary["publish"]["build"]["step"]] : "—"}
                    {row.build.finishedAt && <span className="block text-xs text-slate-400">{new Date(row.build.finishedAt).toLocaleTimeString(locale)}</span>}
                  </td>
                  <td className="py-2 text-xs">
                    {failure && (
                      <span className={row.build.status === "FAILED" ? "text-red-700" : "text-amber-700"}>
                        <span className="block font-medium">{failure.title}</span>
                        <span className="block">{failure.fix}</span>
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {batch.counts.FAILED > 0 && (
        <form action={retry} className="space-y-2">
          <input type="hidden" name="batch" value={batch.id} />
          <FormError message={state.formError} />
          <SubmitButton pendingLabel={t.common.loading}>{words.retryFailed}</SubmitButton>
        </form>
      )}
      {state.result && <p role="status" className="text-sm text-brand-700">{format(words.retried, { count: state.result.count })}</p>}
    </div>
  );
}
