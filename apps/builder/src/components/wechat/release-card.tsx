"use client";
// A store's release through the third-party platform: commit the published design with a template of the library and
// submit it for audit (in one of the categories WeChat allows the Mini Program), follow it live as WeChat decides,
// release once approved, revert to the previous live version. A rejection shows WeChat's reason, its screenshots
// and what to do, with the form to submit again.
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { format, type Dictionary } from "@/i18n";
import { refreshAuditAction, releaseStoreAction, revertStoreAction, submitStoreReleaseAction } from "@/server/actions/platform-releases";
import { Badge } from "../ui/badge";
import { Field, FormError } from "../ui/field";
import { SubmitButton } from "../ui/submit-button";

type Status = keyof Dictionary["releases"]["status"];
export type ReleaseJson = { id: string; templateId: number; userVersion: string; status: Status; reason: string; screenshots: string[]; errorKind: string | null; errorMessage: string | null; submittedAt: string | null; releasedAt: string | null };
export type ReleaseCardProps = {
  t: Dictionary;
  locale: string;
  store: string;
  authorized: boolean;
  publishedVersion: number | null;
  templates: { templateId: number; userVersion: string; userDesc: string }[];
  categories: { firstClass: string; secondClass: string; firstId: number; secondId: number }[];
  problem: string | null;
  releases: ReleaseJson[];
};

const OPEN: Status[] = ["waiting", "committing", "committed", "auditing", "approved", "releasing"];
const REFRESH_DELAY_MS = 150;

const tone = (status: Status) => (status === "released" || status === "approved" ? "good" : status === "rejected" || status === "failed" ? "bad" : OPEN.includes(status) ? "warn" : "neutral");

/** Re-reads the page whenever one of the store's releases changes (server-sent events from the release feed). */
function useReleaseFeed(store: string): boolean {
  const router = useRouter();
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => router.refresh(), REFRESH_DELAY_MS);
    };
    const source = new EventSource(`/api/stores/${encodeURIComponent(store)}/releases/events`);
    let opened = false;
    source.addEventListener("ready", () => {
      setConnected(true);
      // After a reconnection, something may have been missed.
      if (opened) refresh();
      opened = true;
    });
    source.addEventListener("resync", refresh);
    source.addEventListener("change", refresh);
    source.onerror = () => setConnected(false);
    return () => {
      if (timer) clearTimeout(timer);
      source.close();
    };
  }, [store, router]);
  return connected;
}

function StepForm({ action, store, label, pending, variant, testId }: { action: (payload: FormData) => void; store: string; label: string; pending: string; variant?: "primary" | "secondary" | "danger"; testId: string }) {
  return (
    <form action={action} data-testid={testId}>
      <input type="hidden" name="store" value={store} />
      <SubmitButton pendingLabel={pending} variant={variant}>{label}</SubmitButton>
    </form>
  );
}

export function ReleaseCard(props: ReleaseCardProps) {
  const { t, locale, store, authorized, publishedVersion, templates, categories, problem, releases } = props;
  const words = t.releases;
  const connected = useReleaseFeed(store);
  const [submitted, submit] = useActionState(submitStoreReleaseAction, {});
  const [released, release] = useActionState(releaseStoreAction, {});
  const [reverted, revert] = useActionState(revertStoreAction, {});
  const [refreshed, refresh] = useActionState(refreshAuditAction, {});
  const current = releases[0] ?? null;
  const open = current !== null && OPEN.includes(current.status);
  const canRevert = releases.some((release) => release.status === "released") && releases.some((release) => release.status === "superseded");
  const date = (value: string) => new Date(value).toLocaleString(locale);
  // What was typed comes back only with a refusal; after a submission the next one starts afresh.
  const values = submitted.result ? {} : (submitted.values ?? {});

  if (!authorized) return <p className="text-sm text-slate-700" data-testid="release-card">{words.notAuthorized}</p>;

  return (
    <div className="space-y-4" data-testid="release-card">
      <p className="text-sm text-slate-600">{words.lead}</p>
      <p data-testid="release-live" data-state={connected ? "connected" : "reconnecting"} className="inline-flex items-center gap-1.5 text-xs text-slate-500">
        <span aria-hidden className={`size-2 rounded-full ${connected ? "bg-brand-500" : "bg-amber-500"}`} />
        {connected ? words.live : words.reconnecting}
      </p>
      {problem && <p role="alert" className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">{format(words.wechatProblem, { reason: problem })}</p>}

      {current && (
        <section aria-live="polite" className="space-y-3 rounded-lg border border-slate-200 p-4" data-testid="release-current" data-status={current.status}>
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <span className="font-medium text-slate-900">{current.userVersion}</span>
            <Badge tone={tone(current.status)}>{words.status[current.status]}</Badge>
            {current.releasedAt && current.status === "released" && <span className="text-xs text-slate-500">{format(words.releasedAt, { date: date(current.releasedAt) })}</span>}
            {current.submittedAt && current.status === "auditing" && <span className="text-xs text-slate-500">{format(words.submittedAt, { date: date(current.submittedAt) })}</span>}
          </p>
          {current.status === "rejected" && (
            <div role="alert" className="space-y-2 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900" data-testid="release-rejection">
              <p className="font-semibold">{words.rejectedTitle}</p>
              <p>
                <span className="font-medium">{words.rejectedReason}：</span>
                {/* WeChat's words, shown as text: never markup. */}
                <span data-testid="release-reason">{current.reason}</span>
              </p>
              {current.screenshots.length > 0 && (
                <div>
                  <p className="text-xs">{words.screenshots}</p>
                  <ul className="list-disc pl-5 font-mono text-xs">{current.screenshots.map((shot) => <li key={shot}>{shot}</li>)}</ul>
                </div>
              )}
              <p data-testid="release-fix">{words.rejectedFix}</p>
            </div>
          )}
          {current.status === "failed" && current.errorMessage && (
            <p role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900" data-testid="release-failure">
              <span className="font-semibold">{words.failedTitle}：</span>{current.errorMessage}
            </p>
          )}
          {current.status === "approved" && (
            <>
              <p className="text-sm text-emerald-800">{words.approvedLead}</p>
              {current.errorMessage && <p role="alert" className="text-sm text-red-700">{current.errorMessage}</p>}
              <StepForm action={release} store={store} label={words.release} pending={t.common.loading} testId="release-release" />
              <FormError message={released.formError} />
            </>
          )}
          {current.status === "auditing" && (
            <>
              <StepForm action={refresh} store={store} label={words.refresh} pending={t.common.loading} variant="secondary" testId="release-refresh" />
              <FormError message={refreshed.formError} />
            </>
          )}
        </section>
      )}

      {canRevert && !open && (
        <div className="space-y-2">
          <StepForm action={revert} store={store} label={words.revert} pending={t.common.loading} variant="secondary" testId="release-revert" />
          <FormError message={reverted.formError} />
        </div>
      )}

      {!open && (
        publishedVersion === null ? (
          <p className="text-sm text-slate-700">{words.noPublished}</p>
        ) : (
          <form action={submit} className="grid gap-3 sm:grid-cols-2" data-testid="release-form">
            <input type="hidden" name="store" value={store} />
            <p className="text-sm text-slate-700 sm:col-span-2">{format(words.published, { version: publishedVersion })}</p>
            <Field label={words.template} name="templateId" error={submitted.fieldErrors?.templateId} hint={templates.length === 0 ? words.noTemplates : undefined}>
              <select id="templateId" name="templateId" defaultValue={values.templateId ?? String(templates[0]?.templateId ?? "")} className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm">
                {templates.map((template) => (
                  <option key={template.templateId} value={template.templateId}>
                    {format(words.templateOption, { version: template.userVersion, id: template.templateId, desc: template.userDesc })}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={words.category} name="category" error={submitted.fieldErrors?.category} hint={categories.length === 0 ? words.noCategories : words.categoryHint}>
              <select id="category" name="category" defaultValue={values.category} className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm">
                {categories.map((category) => (
                  <option key={`${category.firstId}-${category.secondId}`} value={JSON.stringify(category)}>{`${category.firstClass} > ${category.secondClass}`}</option>
                ))}
              </select>
            </Field>
            <Field label={words.version} name="userVersion" defaultValue={values.userVersion ?? (current ? "" : "1.0.0")} error={submitted.fieldErrors?.userVersion} required maxLength={64} />
            <Field label={words.description} name="userDesc" defaultValue={values.userDesc ?? ""} error={submitted.fieldErrors?.userDesc} required maxLength={200} />
            <div className="sm:col-span-2">
              <FormError message={submitted.formError} />
              <SubmitButton pendingLabel={t.common.loading}>{current?.status === "rejected" ? words.resubmit : words.submit}</SubmitButton>
            </div>
          </form>
        )
      )}

      {releases.length > 1 && (
        <details className="text-sm">
          <summary className="cursor-pointer text-slate-700">{words.history}</summary>
          <ul className="mt-2 space-y-1" data-testid="release-history">
            {releases.map((release) => (
              <li key={release.id} className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{release.userVersion}</span>
                <Badge tone={tone(release.status)}>{words.status[release.status]}</Badge>
                {release.releasedAt && <span className="text-xs text-slate-500">{format(words.releasedAt, { date: date(release.releasedAt) })}</span>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
