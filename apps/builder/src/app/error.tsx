"use client";
// A page that failed on the server or in the browser. Shown in both languages, Chinese first: the words must not
// depend on anything that may itself have failed. The digest lets support find the logged error.
import { useEffect } from "react";
import { dictionary } from "@/i18n";

const zh = dictionary("zh-CN").serverError;
const en = dictionary("en").serverError;

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => console.error(error), [error]);
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-3 px-4 text-center" data-testid="server-error">
      <p className="text-5xl font-bold text-slate-300">500</p>
      <h1 className="text-xl font-semibold">{zh.title}</h1>
      <p className="text-sm text-slate-600">{zh.body}</p>
      <p lang="en" className="text-sm text-slate-500">{en.title} {en.body}</p>
      {error.digest && <p className="font-mono text-xs text-slate-400">{zh.reference} {error.digest}</p>}
      <div className="flex gap-2">
        <button type="button" onClick={reset} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">{zh.retry} · {en.retry}</button>
        <a href="/" className="rounded-md border border-slate-300 px-4 py-2 text-sm text-slate-700 hover:bg-slate-50">{zh.home} · {en.home}</a>
      </div>
    </main>
  );
}
