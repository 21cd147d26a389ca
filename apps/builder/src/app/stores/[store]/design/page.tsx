import { Badge } from "@/components/ui/badge";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { changeText } from "@/components/design/change-text";
import { format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { versionHistory } from "@/server/store-records";
import { requireStore } from "@/server/session";

export default async function DesignPage({ params }: { params: Promise<{ store: string }> }) {
  const access = await requireStore((await params).store);
  const { t, locale } = await currentDictionary();
  const versions = await versionHistory(access);
  const when = (date: Date) => date.toLocaleString(locale);
  return (
    <>
      <PageHeader title={t.design.title} lead={t.design.lead} />
      <Card title={t.design.versions}>
        {versions.length === 0 ? (
          <EmptyState>{t.design.noVersions}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="version-history">
            {versions.map((version) => (
              <li key={version.number} className="py-3 text-sm">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="font-medium">{format(t.design.version, { number: version.number })}</span>
                  <Badge tone={version.status === "PUBLISHED" ? "good" : "neutral"}>
                    {version.status === "PUBLISHED" ? t.design.published : t.design.draft}
                  </Badge>
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
}
