import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { agencyOf } from "@kaidian/tenancy";
import { TopBar } from "@/components/shell/top-bar";
import { currentDictionary } from "@/i18n/server";
import { database } from "@/server/db";
import { requireUser } from "@/server/session";

// The agency's pages: its stores and bulk publishing, for its members only.
export default async function AgencyLayout({ children }: { children: ReactNode }) {
  const user = await requireUser("/agency");
  const membership = await agencyOf(database(), user.id);
  if (!membership) notFound();
  const { t, locale } = await currentDictionary();
  return (
    <>
      <TopBar t={t} locale={locale} user={user}>
        <span className="hidden truncate text-sm text-slate-600 sm:inline">{membership.agency.name}</span>
        <nav aria-label={membership.agency.name} className="flex gap-3 text-sm">
          <Link href="/agency" className="text-slate-700 hover:text-brand-700">{t.agency.stores}</Link>
          <Link href="/agency/publish" className="text-slate-700 hover:text-brand-700">{t.bulk.nav}</Link>
        </nav>
      </TopBar>
      <main className="mx-auto max-w-7xl px-4 py-6 lg:px-8">{children}</main>
    </>
  );
}
