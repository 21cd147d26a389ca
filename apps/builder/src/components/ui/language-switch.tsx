"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setLocaleAction } from "@/server/actions/locale";
import { LOCALES, type Locale } from "@/i18n";

export function LanguageSwitch({ locale, label, names }: { locale: Locale; label: string; names: Record<Locale, string> }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <label className="inline-flex items-center gap-1.5 text-sm text-slate-600">
      <span className="sr-only">{label}</span>
      <svg aria-hidden viewBox="0 0 20 20" className="size-4 fill-current"><path d="M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16Zm5.9 7h-2.4a12.6 12.6 0 0 0-1-4.4A6 6 0 0 1 15.9 9ZM10 4.1c.6.8 1.3 2.4 1.5 4.9h-3c.2-2.5.9-4.1 1.5-4.9ZM7.5 4.6a12.6 12.6 0 0 0-1 4.4H4.1a6 6 0 0 1 3.4-4.4ZM4.1 11h2.4c.1 1.7.5 3.2 1 4.4A6 6 0 0 1 4.1 11Zm5.9 4.9c-.6-.8-1.3-2.4-1.5-4.9h3c-.2 2.5-.9 4.1-1.5 4.9Zm2.5-.5c.5-1.2.9-2.7 1-4.4h2.4a6 6 0 0 1-3.4 4.4Z" /></svg>
      <select
        aria-label={label}
        value={locale}
        disabled={pending}
        onChange={(event) => startTransition(async () => { await setLocaleAction(event.target.value); router.refresh(); })}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
      >
        {LOCALES.map((code) => <option key={code} value={code}>{names[code]}</option>)}
      </select>
    </label>
  );
}
