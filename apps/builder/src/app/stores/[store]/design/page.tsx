import { Badge } from "@/components/ui/badge";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { configVersions } from "@/server/store-records";
import { requireStore } from "@/server/session";

export default async function DesignPage({ params }: { params: Promise<{ store: string }> }) {
  const access = await requireStore((await params).store);
  const { t, locale } = await currentDictionary();
  const versions = await configVersions(access);
  return (
    <>
      <PageHeader title={t.design.title} lead={t.design.lead} />
      <Card title={t.design.versions}>
        {versions.length === 0 ? (
          <EmptyState>{t.design.noVersions}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100">
            {versions.map((version) => (
              <li key={version.id} className="flex items-center justify-between py-2 text-sm">
                <span>{format(t.design.version, { number: version.number })}</span>
                <span className="flex items-center gap-3 text-slate-500">
                  {version.createdAt.toLocaleString(locale)}
                  <Badge tone={version.status === "PUBLISHED" ? "good" : "neutral"}>{version.status === "PUBLISHED" ? t.design.published : t.design.draft}</Badge>
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
