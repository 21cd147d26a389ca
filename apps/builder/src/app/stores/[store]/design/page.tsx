import { openDraft } from "@kaidian/design";
import { tileServer } from "@kaidian/maps";
import { loadCatalog } from "@kaidian/storefront";
import { can, inStore } from "@kaidian/tenancy";
import { Badge } from "@/components/ui/badge";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { changeText } from "@/components/design/change-text";
import { RestoreVersionButton } from "@/components/design/version-actions";
import { DesignEditor } from "@/components/editor/design-editor";
import { format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { database } from "@/server/db";
import { versionHistory } from "@/server/store-records";
import { requireStore } from "@/server/session";

export default async function DesignPage({ params }: { params: Promise<{ store: string }> }) {
  const access = await requireStore((await params).store);
  const { t, locale } = await currentDictionary();
  // Opening the designer opens the store's draft (a copy of the latest version once everything is published).
  const draft = can(access.roles, "design")
    ? await inStore(database(), access, (tx) => openDraft(tx, access.store.id, access.userId))
    : null;
  const versions = await versionHistory(access);
  // The pickers offer, and the preview shows, what shoppers would see: the visible catalog.
  const { catalog } = await loadCatalog(database(), access.store.id);
  const when = (date: Date) => date.toLocaleString(locale);
  const live = versions.find((version) => version.status === "PUBLISHED")?.number;
  const content = (
    <>
      <Card title={t.design.versions}>
        {versions.length === 0 ? (
          <EmptyState>{t.design.noVersions}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="version-history">
            {versions.map((version) => (
              <li key={version.number} className="py-3 text-sm">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="font-medium">{format(t.design.version, { number: version.number })}</span>
                  <span className="flex flex-wrap items-center gap-2">
                    {version.number === live && <Badge tone="good">{t.design.live}</Badge>}
                    <Badge tone={version.status === "PUBLISHED" ? "good" : "neutral"}>
                      {version.status === "PUBLISHED" ? t.design.published : t.design.draft}
                    </Badge>
                    {draft && version.status === "PUBLISHED" && (
                      <RestoreVersionButton store={access.store.slug} number={version.number} words={t.design} />
                    )}
                  </span>
                </div>
                <p className="mt-1 text-slate-500">
                  {version.publishedAt
                    ? format(t.design.publishedBy, { name: version.publishedBy?.name ?? t.design.someone, time: when(version.publishedAt) })
                    : format(t.design.savedBy, { name: version.updatedBy?.name ?? t.design.someone, time: when(version.updatedAt) })}
                  {version.restoredFrom !== null && ` · ${format(t.design.restoredFrom, { number: version.restoredFrom })}`}
                </p>
                <ul className="mt-1 list-inside list-disc text-slate-700">
                  {version.changes === null ? (
                    <li>{t.design.firstVersion}</li>
                  ) : version.changes.length === 0 ? (
                    <li>{t.design.noChanges}</li>
                  ) : (
                    version.changes.map((change, index) => <li key={index}>{changeText(change, t, locale)}</li>)
                  )}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
  return (
    <>
      <PageHeader title={t.design.title} lead={t.design.lead} />
      {draft && (
        <div className="mb-4">
          <DesignEditor
            key={draft.number}
            store={access.store.slug}
            number={draft.number}
            revision={draft.revision}
            templateId={draft.config.templateId}
            config={draft.config}
            tenantId={access.store.id}
            catalog={catalog}
            mapTiles={tileServer(process.env)}
            canPublish={can(access.roles, "publish")}
            t={t}
            locale={locale}
          />
        </div>
      )}
      {content}
    </>
  );
}
