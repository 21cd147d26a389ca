"use client";
// A fleet release as it runs: one row per store with its stage and state, WeChat's reason for a rejection or the
// words for a refusal, the fleet's halt reason and its resume. Followed live until the fleet is done or halted.
import { useActionState } from "react";
import { format, type Dictionary } from "@/i18n";
import { resumeFleetAction } from "@/server/actions/platform-releases";
import { usePolling } from "../publishing/use-polling";
import { Badge } from "../ui/badge";
import { FormError } from "../ui/field";
import { SubmitButton } from "../ui/submit-button";

type Status = keyof Dictionary["releases"]["status"];
export type FleetJson = {
  id: string;
  userVersion: string;
  status: "running" | "halted" | "done";
  haltedReason: "firstStageFailed" | "auditQuotaSpent" | null;
  rows: { store: { id: string; name: string }; stage: number; status: Status; reason: string; errorMessage: string | null }[];
  counts: Partial<Record<Status, number>>;
};

const tone = (status: Status) => (status === "released" ? "good" : status === "rejected" || status === "failed" ? "bad" : status === "waiting" ? "neutral" : "warn");

export function FleetTable({ t, initial }: { t: Dictionary; initial: FleetJson }) {
  const words = t.releases;
  // Polled while running; a halted fleet changes only when resumed here, which draws the page again.
  const fleet = usePolling(`/api/agency/fleets/${initial.id}`, initial, (value) => value.status === "running", 2_000);
  const [state, resume] = useActionState(resumeFleetAction, {});
  const summary = Object.entries(fleet.counts).map(([status, count]) => `${words.status[status as Status]} ${count}`).join(" · ");
  return (
    <div className="space-y-4">
      <p className="flex flex-wrap items-center gap-2 text-sm" aria-live="polite" data-testid="fleet-summary" data-status={fleet.status}>
        <Badge tone={fleet.status === "done" ? "good" : fleet.status === "halted" ? "bad" : "warn"}>{words.fleetState[fleet.status]}</Badge>
        <span>{format(words.fleetCounts, { total: fleet.rows.length })}</span>
        <span className="text-slate-600" data-testid="fleet-counts">{summary}</span>
      </p>
      {fleet.status === "halted" && fleet.haltedReason && (
        <div role="alert" className="space-y-2 rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900" data-testid="fleet-halted">
          <p>{words.halted[fleet.haltedReason]}</p>
          <form action={resume}>
            <input type="hidden" name="fleet" value={fleet.id} />
            <SubmitButton pendingLabel={t.common.loading}>{words.resume}</SubmitButton>
          </form>
          <FormError message={state.formError} />
        </div>
      )}
      {state.result && <p role="status" className="text-sm text-brand-700">{words.resumed}</p>}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="fleet-rows">
          <thead className="border-b border-slate-200 text-xs text-slate-500">
            <tr>
              <th className="py-2 pr-3">{words.store}</th>
              <th className="py-2 pr-3">{words.stage}</th>
              <th className="py-2 pr-3">{words.state}</th>
              <th className="py-2">{words.reason}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {fleet.rows.map((row) => (
              <tr key={row.store.id} data-store={row.store.name} data-status={row.status}>
                <td className="py-2 pr-3 font-medium text-slate-900">{row.store.name}</td>
                <td className="py-2 pr-3 text-slate-600">{words.stageName[String(row.stage) as "1" | "2"]}</td>
                <td className="py-2 pr-3"><Badge tone={tone(row.status)}>{words.status[row.status]}</Badge></td>
                <td className="py-2 text-xs text-red-700">
                  {row.reason && <span className="block">{row.reason}</span>}
                  {row.errorMessage && <span className="block">{row.errorMessage}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
