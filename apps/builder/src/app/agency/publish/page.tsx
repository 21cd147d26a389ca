import Link from "next/link";
import { notFound } from "next/navigation";
import { agencyOf } from "@kaidian/tenancy";
import { TEMPLATE_IDS, templates } from "@kaidian/templates";
import { BulkPublishForm } from "@/components/agency/bulk-publish-form";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { database } from "@/server/db";
import { bulkPublishPage } from "@/server/publishing";
import { FleetReleaseForm } from "@/components/agency/fleet-release-form";
import { fleetForm } from "@/server/platform-releases";
import { wechatErrorMessage } from "@kaidian/wechat/server-api";
import { requireUser } from "@/server/session";

type Filters = { template?: string; status?: string; last?: string };

export default async function BulkPublishPage({ searchParams }: { searchParams: Promise<Filters> }) {
  const user = await requireUser("/agency/publish");
  const membership = await agencyOf(database(), user.id);
  if (!membership) notFound();
  const { t, locale } = await currentDictionary();
  const filters = await searchParams;
  const { rows, batches } = await bulkPublishPage({ userId: user.id, membership });
  // Beside the upload-key path, where this deployment is a third-party platform.
  const fleet = await fleetForm({ userId: user.id, membership });
  const shown = rows.filter(
    (row) =>
      (!filters.template || row.store.templateId === filters.template) &&
      (!filters.status || row.store.status === filters.status) &&
      (!filters.last || (filters.last === "never" ? row.lastUpload === null : row.lastUpload?.status === filters.last)),
  );
  const words = t.bulk;
  const select = "rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm";

  return (
    <>
      <PageHeader title={words.title} lead={words.lead} />
      <div className="grid gap-4 xl:grid-cols-[3fr_1fr]">
        <Card title={format(words.stores, { count: shown.length })}>
          <form role="search" aria-label={words.filters} className="mb-4 flex flex-wrap items-end gap-2">
            <label className="text-xs text-slate-600">
              <span className="mb-1 block">{words.template}</span>
              <select name="template" defaultValue={filters.template ?? ""} className={select}>
                <option value="">{words.anyTemplate}</option>
                {TEMPLATE_IDS.map((id) => <option key={id} value={id}>{templates[id].name[locale]}</option>)}
              </select>
            </label>
            <label className="text-xs text-slate-600">
              <span className="mb-1 block">{words.storeStatus}</span>
              <select name="status" defaultValue={filters.status ?? ""} className={select}>
                <option value="">{words.anyStatus}</option>
                <option value="ACTIVE">{t.store.status.ACTIVE}</option>
                <option value="SUSPENDED">{t.store.status.SUSPENDED}</option>
              </select>
            </label>
            <label className="text-xs text-slate-600">
              <span className="mb-1 block">{words.lastUpload}</span>
              <select name="last" defaultValue={filters.last ?? ""} className={select}>
                <option value="">{words.lastUploadState.any}</option>
                <option value="never">{words.lastUploadState.never}</option>
                <option value="SUCCEEDED">{words.lastUploadState.SUCCEEDED}</option>
                <option value="FAILED">{words.lastUploadState.FAILED}</option>
              </select>
            </label>
            <button type="submit" className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm">{words.apply}</button>
          </form>
          <BulkPublishForm
            key={JSON.stringify(filters)}
            t={t}
            rows={shown.map((row) => ({
              id: row.store.id,
              name: row.store.name,
              href: `/stores/${row.store.slug}/publish`,
              template: templates[row.store.templateId].name[locale],
              status: row.store.status,
              blocking: row.blocking,
              failing: row.blocking.map((id) =>
                format(t.publish.checks[id].title, { catalog: t.catalogName[row.store.templateId], category: templates[row.store.templateId].wechatCategory[locale] }),
              ),
              lastUpload: row.lastUpload,
            }))}
          />
        </Card>
        <Card title={words.recent}>
          {batches.length === 0 ? (
            <EmptyState>{words.noBatches}</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="batches">
              {batches.map((batch) => (
                <li key={batch.id} className="py-2">
                  <Link href={`/agency/publish/${batch.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                    {format(words.batchTitle, { version: batch.version })}
                  </Link>
                  <span className="block text-xs text-slate-500">
                    {batch.createdAt.toLocaleString(locale)} · {format(words.stores, { count: batch._count.builds })}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        {fleet && (
          <>
            <Card title={t.releases.fleetTitle} className="xl:col-span-1">
              {fleet.problem && <p role="alert" className="mb-3 rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">{format(t.releases.wechatProblem, { reason: wechatErrorMessage(fleet.problem, locale) })}</p>}
              <FleetReleaseForm
                t={t}
                stores={fleet.stores}
                templates={fleet.templates.map(({ templateId, userVersion, userDesc }) => ({ templateId, userVersion, userDesc }))}
              />
            </Card>
            <Card title={t.releases.fleetRecent}>
              {fleet.fleets.length === 0 ? (
                <EmptyState>{t.releases.fleetNone}</EmptyState>
              ) : (
                <ul className="divide-y divide-slate-100 text-sm" data-testid="fleets">
                  {fleet.fleets.map((entry) => (
                    <li key={entry.id} className="py-2">
                      <Link href={`/agency/publish/fleets/${entry.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                        {format(t.releases.fleetPageTitle, { version: entry.userVersion })}
                      </Link>
                      <span className="block text-xs text-slate-500">
                        {entry.createdAt.toLocaleString(locale)} · {t.releases.fleetState[entry.status as "running" | "halted" | "done"]} · {format(t.releases.fleetCounts, { total: entry._count.releases })}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          </>
        )}
      </div>
    </>
  );
}
