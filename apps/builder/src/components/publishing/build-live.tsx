"use client";
// One build as it runs: its status and attempt, each step, the log as it is written, and at the end what went
// wrong and how to fix it, or what WeChat answered. Log lines arrive in pieces (`after` the last one seen).
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { format, type Dictionary, type Locale } from "@/i18n";
import { Card } from "../ui/card";
import { formatBytes } from "./bytes";
import { failureMessage } from "./failure-message";
import { BuildStatusBadge } from "./status-badge";
import { isActive, type BuildDetailJson } from "./types";

const STEP_MARK = { pending: "○", running: "◔", done: "●", failed: "✗", skipped: "–" } as const;

export function BuildLive({ t, locale, store, initial, catalog }: { t: Dictionary; locale: Locale; store: string; initial: BuildDetailJson; catalog: string }) {
  const [build, setBuild] = useState(initial);
  const logEnd = useRef<HTMLLIElement>(null);
  const active = isActive(build.status);
  const router = useRouter();
  const wasActive = useRef(active);

  // When the build ends, the page around it (retry, republish) is drawn again by the server.
  useEffect(() => {
    if (wasActive.current && !active) router.refresh();
    wasActive.current = active;
  }, [active, router]);

  // Log lines are read onwards from the last one shown; a build with more than a page of them keeps reading until
  // it has them all, even after it ended.
  const lastLogId = useRef(initial.logs.at(-1)?.id);
  const following = active || build.moreLogs;
  useEffect(() => {
    if (!following) return;
    let stopped = false;
    let busy = false;
    const timer = setInterval(async () => {
      if (busy) return;
      busy = true;
      try {
        const after = lastLogId.current;
        const response = await fetch(`/api/stores/${store}/builds/${initial.number}${after ? `?after=${after}` : ""}`, { cache: "no-store" });
        if (!response.ok || stopped) return;
        const next = (await response.json()) as BuildDetailJson;
        lastLogId.current = next.logs.at(-1)?.id ?? after;
        setBuild((current) => ({ ...next, logs: [...current.logs, ...next.logs] }));
      } catch {
        // Offline for a moment: the next tick tries again.
      } finally {
        busy = false;
      }
    }, 1_000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [following, initial.number, store]);

  useEffect(() => logEnd.current?.scrollIntoView({ block: "nearest" }), [build.logs.length]);

  const words = t.publish.build;
  const failure = build.errorCode ? failureMessage(t, build.errorCode, build.errorParams, catalog) : null;
  const time = (value: string | null) => (value ? new Date(value).toLocaleString(locale) : "—");

  return (
    <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)]">
      <div className="min-w-0 space-y-4">
        <Card
          title={words.steps}
          action={<BuildStatusBadge t={t} status={build.status} />}
        >
          <p className="mb-3 text-xs text-slate-500" aria-live="polite" data-testid="build-status" data-status={build.status}>
            {format(words.attempt, { attempt: build.attempts, max: build.maxAttempts })}
            {build.status === "QUEUED" && build.attempts > 0 ? ` · ${format(words.retryAt, { time: time(build.runAfter) })}` : ""}
          </p>
          <ol className="space-y-2" data-testid="build-steps">
            {build.steps.map((step) => (
              <li key={step.step} className="flex items-center gap-3 text-sm" data-step={step.step} data-status={step.status}>
                <span aria-hidden className={`w-4 text-center ${step.status === "failed" ? "text-red-600" : step.status === "done" ? "text-brand-700" : "text-slate-400"}`}>
                  {STEP_MARK[step.status]}
                </span>
                <span className="flex-1 text-slate-800">{words.step[step.step]}</span>
                <span className="text-xs text-slate-500">{words.stepStatus[step.status]}</span>
              </li>
            ))}
          </ol>
        </Card>

        {failure && (
          <section role={build.status === "FAILED" ? "alert" : "status"} className="rounded-xl border border-red-200 bg-red-50 p-4 text-sm text-red-900" data-testid="build-failure">
            <h2 className="font-semibold">{words.failure}</h2>
            <p className="mt-1">{failure.title}</p>
            <h3 className="mt-3 font-semibold">{words.fix}</h3>
            <p className="mt-1">{failure.fix}</p>
          </section>
        )}

        <Card title={words.inputs}>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
            <dt className="text-slate-500">{words.configVersion}</dt><dd>{build.configVersion}</dd>
            <dt className="text-slate-500">{words.template}</dt><dd>{build.templateId} {build.templateVersion ?? ""}</dd>
            <dt className="text-slate-500">{words.runtime}</dt><dd>{build.runtimeVersion ?? "—"}</dd>
            <dt className="text-slate-500">{words.generator}</dt><dd>{build.generatorVersion ?? "—"}</dd>
            {build.sourceBuildNumber && (<><dt className="text-slate-500">{words.republish}</dt><dd>{format(words.republishOf, { number: build.sourceBuildNumber })}</dd></>)}
          </dl>
        </Card>

        <Card title={words.outputs}>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
            <dt className="text-slate-500">{words.contentHash}</dt><dd className="truncate font-mono text-xs" title={build.contentHash ?? ""}>{build.contentHash ?? "—"}</dd>
            {build.sizes && (
              <>
                <dt className="text-slate-500">{words.mainSize}</dt><dd>{formatBytes(build.sizes.main)}</dd>
                <dt className="text-slate-500">{words.totalSize}</dt><dd>{formatBytes(build.sizes.total)}</dd>
                <dt className="text-slate-500">{words.zipSize}</dt><dd>{formatBytes(build.sizes.zip)}</dd>
              </>
            )}
          </dl>
          {build.artifactKey && (
            <p className="mt-3 text-sm">
              <a href={`/stores/${store}/publish/builds/${build.number}/package`} className="text-brand-700 underline-offset-2 hover:underline" download>{words.download}</a>
              <span className="block text-xs text-slate-500">{words.downloadHint}</span>
            </p>
          )}
          {build.result && (
            <div className="mt-3 border-t border-slate-100 pt-3 text-sm">
              <h3 className="font-medium text-slate-900">{words.wechatResult}</h3>
              <ul className="mt-1 text-xs text-slate-600" data-testid="wechat-result">
                {build.result.subPackageInfo.map((info) => <li key={info.name}>{format(words.wechatSize, { name: info.name === "__APP__" ? words.mainSize : info.name === "__FULL__" ? words.totalSize : info.name, size: formatBytes(info.size) })}</li>)}
              </ul>
              {build.result.qr && (
                <img src={`/stores/${store}/publish/builds/${build.number}/qr`} alt={format(t.publish.preview.scan, { number: build.number })} width={180} height={180} className="mt-2" />
              )}
            </div>
          )}
        </Card>
      </div>

      <Card title={words.logs}>
        {build.logs.length === 0 ? (
          <p className="text-sm text-slate-500">{words.noLogs}</p>
        ) : (
          <ol className="max-h-[32rem] overflow-auto rounded-lg bg-slate-950 p-3 font-mono text-xs leading-5 text-slate-100" data-testid="build-logs">
            {build.logs.map((line, index) => (
              <li
                key={line.id}
                ref={index === build.logs.length - 1 ? logEnd : undefined}
                className={`whitespace-pre-wrap break-all ${line.level === "error" ? "text-red-300" : line.level === "warn" ? "text-amber-200" : ""}`}
              >
                <span className="text-slate-500">{new Date(line.at).toLocaleTimeString(locale)} [{words.step[line.step as keyof typeof words.step] ?? line.step}] </span>
                {line.message}
              </li>
            ))}
          </ol>
        )}
      </Card>
    </div>
  );
}
