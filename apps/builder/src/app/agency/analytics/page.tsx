import { agencyOf } from "@kaidian/tenancy";
import Link from "next/link";
import { notFound } from "next/navigation";
import { OverviewView, RangePicker } from "@/components/analytics/overview-view";
import { money } from "@/components/orders/order-format";
import { Card, PageHeader } from "@/components/ui/card";
import { format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { agencyOverview, rangeFrom } from "@/server/analytics";
import { database } from "@/server/db";
import { requireUser } from "@/server/session";

export default async function AgencyAnalyticsPage({ searchParams }: { searchParams: Promise<{ from?: string; to?: string }> }) {
  const user = await requireUser("/agency/analytics");
  const membership = await agencyOf(database(), user.id);
  if (!membership) notFound();
  const { t } = await currentDictionary();
  const { range, invalid } = rangeFrom(await searchParams);
  const { overview, stores } = await agencyOverview(user.id, membership.agency.id, range);
  const words = t.analytics;
  return (
    <>
      <PageHeader title={words.agencyTitle} lead={format(words.agencyLead, { agency: membership.agency.name, count: stores.length })} />
      <RangePicker path="/agency/analytics" range={range} words={words} />
      {invalid && <p className="mb-4 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-800" role="alert">{words.rangeInvalid}</p>}
      <OverviewView overview={overview} words={words} />
      <div className="mt-4">
        <Card title={words.byStore}>
          <table className="w-full text-sm" data-testid="store-figures">
            <thead>
              <tr className="text-left text-slate-500">
                <th className="py-2 font-normal">{words.store}</th>
                <th className="py-2 text-right font-normal">{words.visitors}</th>
                <th className="py-2 text-right font-normal">{words.paidOrders}</th>
                <th className="py-2 text-right font-normal">{words.paidAmount}</th>
                <th className="py-2 text-right font-normal">{words.conversion}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {stores.map((store) => (
                <tr key={store.slug}>
                  <td className="py-2"><Link className="text-brand-700 hover:underline" href={`/stores/${store.slug}/analytics?from=${range.from}&to=${range.to}`}>{store.name}</Link></td>
                  <td className="py-2 text-right tabular-nums">{store.totals.visitors}</td>
                  <td className="py-2 text-right tabular-nums">{store.totals.paidOrders}</td>
                  <td className="py-2 text-right tabular-nums">{money(store.totals.paidFen)}</td>
                  <td className="py-2 text-right tabular-nums">{store.conversion === null ? words.none : `${(store.conversion * 100).toFixed(1)}%`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      </div>
    </>
  );
}
