import { can } from "@kaidian/tenancy";
import { templates } from "@kaidian/templates";
import { Forbidden } from "@/components/shell/forbidden";
import { Badge } from "@/components/ui/badge";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { publishingState } from "@/server/store-records";
import { requireStore } from "@/server/session";

const tone = { QUEUED: "neutral", RUNNING: "warn", SUCCEEDED: "good", FAILED: "bad" } as const;

export default async function PublishPage({ params }: { params: Promise<{ store: string }> }) {
  const access = await requireStore((await params).store);
  const { t, locale } = await currentDictionary();
  if (!can(access.roles, "publish")) return <Forbidden t={t} role={access.role} />;
  const { wechat, builds } = await publishingState(access);
  return (
    <>
      <PageHeader title={t.publish.title} lead={t.publish.lead} />
      <div className="grid gap-4 lg:grid-cols-[1fr_2fr]">
        <Card title={t.publish.wechat}>
          <dl className="space-y-2 text-sm">
            <div className="flex justify-between gap-2"><dt className="text-slate-500">{t.publish.appid}</dt><dd className="font-mono">{wechat?.appid ?? t.publish.notConnected}</dd></div>
          </dl>
          <p className="mt-4 rounded-lg bg-amber-50 p-3 text-xs text-amber-800">
            {format(t.publish.categoryNote, { category: templates[access.store.templateId].wechatCategory[locale] })}
          </p>
        </Card>
        <Card title={t.publish.builds}>
          {builds.length === 0 ? (
            <EmptyState>{t.publish.noBuilds}</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {builds.map((build) => (
                <li key={build.id} className="flex items-center justify-between py-2">
                  <span className="text-slate-600">{build.createdAt.toLocaleString(locale)}</span>
                  <Badge tone={tone[build.status]}>{t.publish.jobStatus[build.status]}</Badge>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
