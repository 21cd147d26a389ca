import Link from "next/link";
import { notFound } from "next/navigation";
import { agencyOf, listStores } from "@kaidian/tenancy";
import { templates } from "@kaidian/templates";
import { AgencyStoreForm } from "@/components/forms/agency-store-form";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { currentDictionary } from "@/i18n/server";
import { database } from "@/server/db";
import { requireUser } from "@/server/session";

export default async function AgencyPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const user = await requireUser("/agency");
  const membership = await agencyOf(database(), user.id);
  if (!membership) notFound();
  const { t, locale } = await currentDictionary();
  const search = (await searchParams).q?.slice(0, 60) ?? "";
  const stores = await listStores(database(), user.id, { agencyId: membership.agency.id, search });

  return (
    <>
        <PageHeader
          title={t.agency.title}
          lead={`${membership.agency.name} · ${t.store.roles[membership.role === "ADMIN" ? "AGENCY_ADMIN" : "AGENCY_PUBLISHER"]}`}
          action={membership.role === "ADMIN" && <Link href="/agency/analytics" className={buttonClass("secondary")}>{t.analytics.agencyLink}</Link>}
        />
        <div className="grid gap-4 xl:grid-cols-[2fr_1fr]">
          <Card title={`${t.agency.stores} (${stores.length})`}>
            <form role="search" className="mb-3">
              <input type="search" name="q" defaultValue={search} placeholder={t.agency.search} aria-label={t.agency.search} className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm" />
            </form>
            {stores.length === 0 ? (
              <EmptyState>{t.agency.noStores}</EmptyState>
            ) : (
              <ul className="divide-y divide-slate-100" data-testid="agency-stores">
                {stores.map(({ store }) => (
                  <li key={store.id} className="flex flex-wrap items-center gap-3 py-3">
                    <div className="min-w-0 flex-1">
                      <p className="truncate font-medium text-slate-900">{store.name}</p>
                      <p className="text-xs text-slate-500">{templates[store.templateId].name[locale]} · {store.createdAt.toLocaleDateString(locale)}</p>
                    </div>
                    <Badge tone={store.status === "ACTIVE" ? "good" : "warn"}>{t.store.status[store.status]}</Badge>
                    <Link href={`/stores/${store.slug}`} className={buttonClass("secondary")}>{t.agency.open}</Link>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          {membership.role === "ADMIN" && (
            <Card title={t.agency.createStore}>
              <p className="mb-4 text-sm text-slate-600">{t.agency.createLead}</p>
              <AgencyStoreForm t={t} locale={locale} />
            </Card>
          )}
        </div>
    </>
  );
}
