import Link from "next/link";
import type { ReactNode } from "react";
import type { AccountUser } from "@kaidian/accounts";
import { signOutAction } from "@/server/actions/auth";
import type { Dictionary, Locale } from "@/i18n";
import { LanguageSwitch } from "../ui/language-switch";

export function Logo({ t }: { t: Dictionary }) {
  return (
    <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
      <span aria-hidden className="grid size-8 place-items-center rounded-lg bg-brand-600 text-base text-white">店</span>
      <span>{t.brand}</span>
    </Link>
  );
}

/** The bar above every signed-in page: logo, an optional slot (store switcher), language and the user. */
export function TopBar({ t, locale, user, children }: { t: Dictionary; locale: Locale; user: AccountUser; children?: ReactNode }) {
  return (
    <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/95 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-3 px-4">
        <Logo t={t} />
        <div className="min-w-0 flex-1">{children}</div>
        <LanguageSwitch locale={locale} label={t.language.label} names={t.language} />
        <details className="relative">
          <summary className="flex cursor-pointer list-none items-center gap-2 rounded-full p-1 hover:bg-slate-100" aria-label={user.email}>
            <span aria-hidden className="grid size-8 place-items-center rounded-full bg-slate-200 text-sm font-medium text-slate-700">{user.name.slice(0, 1)}</span>
          </summary>
          <div className="absolute right-0 mt-2 w-60 rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-lg">
            <p className="font-medium text-slate-900" data-testid="current-user">{user.name}</p>
            <p className="truncate text-slate-500">{user.email}</p>
            <form action={signOutAction} className="mt-3">
              <button type="submit" className="w-full rounded-md border border-slate-300 px-3 py-1.5 text-left hover:bg-slate-50">{t.auth.signOut}</button>
            </form>
          </div>
        </details>
      </div>
    </header>
  );
}
