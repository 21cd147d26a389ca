"use client";
// The last resort when the root layout itself failed: its own page, Chinese first with English beneath.
import { dictionary } from "@/i18n";
import "./globals.css";

const zh = dictionary("zh-CN").serverError;
const en = dictionary("en").serverError;

export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-dvh">
        <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-3 px-4 text-center">
          <h1 className="text-xl font-semibold">{zh.title}</h1>
          <p className="text-sm text-slate-600">{zh.body}</p>
          <p lang="en" className="text-sm text-slate-500">{en.title} {en.body}</p>
          <button type="button" onClick={reset} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white">{zh.retry} · {en.retry}</button>
        </main>
      </body>
    </html>
  );
}
