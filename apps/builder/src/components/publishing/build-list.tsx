"use client";
// The store's builds, newest first, followed live while any of them is queued or running.
import Link from "next/link";
import { useMemo } from "react";
import { format, type Dictionary, type Locale } from "@/i18n";
import { EmptyState } from "../ui/card";
import { failureMessage } from "./failure-message";
import { BuildStatusBadge } from "./status-badge";
import { isActive, type BuildJson } from "./types";
import { usePolling } from "./use-polling";

export function BuildList({ t, locale, store, initial, catalog }: { t: Dictionary; locale: Locale; store: string; initial: BuildJson[]; catalog: string }) {
  const first = useMemo(() => ({ builds: initial }), [initial]);
  const { builds } = usePolling(`/api/stores/${store}/builds`, first, (value) => value.builds.some((build) => isActive(build.status)));
  if (builds.length === 0) return <div data-testid="builds"><EmptyState>{t.publish.noBuilds}</EmptyState></div>;
  return (
    <ul className="divide-y divide-slate-100 text-sm" data-testid="builds">
      {builds.map((build) => {
        const failure = build.errorCode ? failureMessage(t, build.errorCode, build.errorParams, catalog) : null;
        return (
          <li key={build.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2.5" data-build={build.number} data-status={build.status}>
            <span className="w-10 font-mono text-slate-500">{format(t.publish.number, { number: build.number })}</span>
            <span className="min-w-0 flex-1">
              <span className="font-medium text-slate-900">
                {t.publish.purpose[build.purpose]}
                {build.version ? ` ${build.version}` : ""}
              </span>
              <span className="block text-xs text-slate-500">
                {format(t.publish.by, { name: build.createdBy ?? "—", time: new Date(build.createdAt).toLocaleString(locale) })}
              </span>
              {failure && <span className="block text-xs text-red-700">{failure.title}</span>}
            </span>
            <BuildStatusBadge t={t} status={build.status} />
            <Link href={`/stores/${store}/publish/builds/${build.number}`} className="text-brand-700 underline-offset-2 hover:underline">
              {t.publish.open}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
