import { can } from "@kaidian/tenancy";
import { OverviewView, RangePicker } from "@/components/analytics/overview-view";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/ui/card";
import { currentDictionary } from "@/i18n/server";
import { rangeFrom, storeOverview } from "@/server/analytics";
import { requireStore } from "@/server/session";

export default async function AnalyticsPage({ params, searchParams }: { params: Promise<{ store: string }>; searchParams: Promise<{ from?: string; to?: string }> }) {
  const access = await requireStore((await params).store);
  const { t } = await currentDictionary();
  if (!can(access.roles, "settings")) return <Forbidden t={t} role={access.role} />;
  const { range, invalid } = rangeFrom(await searchParams);
  const overview = await storeOverview(access, range);
  const words = t.analytics;
  return (
    <>
      <PageHeader title={words.title} lead={words.lead} />
      <RangePicker path={`/stores/${access.store.slug}/analytics`} range={range} words={words} />
      {invalid && <p className="mb-4 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-800" role="alert">{words.rangeInvalid}</p>}
      <OverviewView overview={overview} words={words} />
    </>
  );
}
