"use client";
// "Preview on WeChat": queues a preview build of the latest design at the chosen page, follows it, and shows the QR
// code WeChat returned (which opens the development version in WeChat) or why there is none.
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { format, type Dictionary } from "@/i18n";
import { previewAction } from "@/server/actions/publishing";
import { Field, FormError } from "../ui/field";
import { SubmitButton } from "../ui/submit-button";
import { failureMessage } from "./failure-message";
import { isActive, type BuildDetailJson } from "./types";
import { usePolling } from "./use-polling";

type Page = { id: string; label: string };

export function WechatPreview({ t, store, pages, catalog }: { t: Dictionary; store: string; pages: Page[]; catalog: string }) {
  const [state, action] = useActionState(previewAction, {});
  const words = t.publish.preview;
  const v = state.values ?? {};
  return (
    <div className="space-y-3">
      <form action={action} noValidate className="space-y-3" key={JSON.stringify(state.values)}>
        <input type="hidden" name="store" value={store} />
        <div className="grid gap-3 sm:grid-cols-2">
          <div className="space-y-1.5">
            <label htmlFor="preview-page" className="block text-sm font-medium text-slate-800">{words.page}</label>
            <select id="preview-page" name="page" defaultValue={v.page ?? pages[0]?.id} className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm">
              {pages.map((page) => <option key={page.id} value={page.id}>{page.label}</option>)}
            </select>
          </div>
          <Field label={words.query} name="query" hint={words.queryHint} maxLength={200} defaultValue={v.query} error={state.fieldErrors?.query} />
        </div>
        <FormError message={state.formError} />
        <SubmitButton variant="secondary" pendingLabel={t.common.loading}>{words.submit}</SubmitButton>
      </form>
      {state.result && <PreviewBuild key={state.result.number} t={t} store={store} number={state.result.number} catalog={catalog} />}
    </div>
  );
}

function PreviewBuild({ t, store, number, catalog }: { t: Dictionary; store: string; number: number; catalog: string }) {
  const base = `/stores/${store}/publish/builds/${number}`;
  const build = usePolling<BuildDetailJson | null>(`/api/stores/${store}/builds/${number}`, null, (value) => value === null || isActive(value.status));
  const words = t.publish.preview;
  const router = useRouter();
  const settled = build !== null && !isActive(build.status);
  // The page's build list and checklist (the package is measured now) are drawn again when it starts and ends.
  useEffect(() => router.refresh(), [settled, router]);
  if (!build || isActive(build.status)) {
    return <p role="status" className="text-sm text-slate-600">{format(words.working, { number })}</p>;
  }
  if (build.status === "FAILED") {
    const failure = failureMessage(t, build.errorCode ?? "build.unexpected", build.errorParams, catalog);
    return (
      <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800">
        <p className="font-medium">{format(words.failed, { reason: failure.title })}</p>
        <p className="mt-1">{failure.fix}</p>
        <a href={base} className="mt-1 inline-block underline">{t.publish.open}</a>
      </div>
    );
  }
  return (
    <figure className="flex flex-col items-center gap-2 rounded-lg border border-slate-200 p-3" data-testid="wechat-preview-qr">
      {/* WeChat's own QR image, served from the build's stored result. */}
      <img src={`${base}/qr`} alt={format(words.scan, { number })} width={200} height={200} className="h-[200px] w-[200px]" />
      <figcaption className="text-center text-xs text-slate-600">{format(words.scan, { number })}</figcaption>
    </figure>
  );
}
