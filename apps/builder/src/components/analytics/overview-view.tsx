// The overview as a page shows it, for one store or an agency's stores: the range picker (a plain GET form, so a
// range is a link), the figures, the charts and the top items.
import { addDays, type DayRange, type Overview, shanghaiToday } from "@kaidian/analytics";
import Link from "next/link";
import type { ReactNode } from "react";
import { money } from "@/components/orders/order-format";
import { Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import type { Dictionary } from "@/i18n";
import { BuyersChart, DailyChart } from "./overview-charts";

type Words = Dictionary["analytics"];

const percent = (value: number | null, words: Words) => (value === null ? words.none : `${(value * 100).toFixed(1)}%`);

export function RangePicker({ path, range, words }: { path: string; range: DayRange; words: Words }) {
  const today = shanghaiToday();
  const quick = [
    { label: words.today, from: today },
    { label: words.last7, from: addDays(today, -6) },
    { label: words.last30, from: addDays(today, -29) },
  ];
  return (
    <form method="get" action={path} className="mb-4 flex flex-wrap items-end gap-3" aria-label={words.title}>
      <label className="text-sm text-slate-700">
        {words.from}
        <input type="date" name="from" defaultValue={range.from} className="mt-1 block rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm" />
      </label>
      <label className="text-sm text-slate-700">
        {words.to}
        <input type="date" name="to" defaultValue={range.to} className="mt-1 block rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm" />
      </label>
      <button type="submit" className={buttonClass("primary")}>{words.show}</button>
      <div className="flex gap-2">
        {quick.map((option) => (
          <Link key={option.label} href={`${path}?from=${option.from}&to=${today}`} className={buttonClass("secondary")}>{option.label}</Link>
        ))}
      </div>
    </form>
  );
}

function Figure({ label, value, hint, name }: { label: string; value: ReactNode; hint?: string; name: string }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-4" data-figure={name}>
      <p className="text-sm text-slate-500">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{value}</p>
      {hint && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
    </div>
  );
}

export function OverviewView({ overview, words }: { overview: Overview; words: Words }) {
  const { totals } = overview;
  return (
    <div className="space-y-4">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="analytics-figures">
        <Figure name="visitors" label={words.visitors} value={totals.visitors} hint={`${words.pageViews} ${totals.pageViews}`} />
        <Figure name="paidOrders" label={words.paidOrders} value={totals.paidOrders} hint={`${words.orders} ${totals.orders}`} />
        <Figure name="paidAmount" label={words.paidAmount} value={money(totals.paidFen)} hint={`${words.refunded} ${money(totals.refundedFen)}`} />
        <Figure name="averageOrder" label={words.averageOrder} value={overview.averageOrderFen === null ? words.none : money(overview.averageOrderFen)} />
        <Figure name="conversion" label={words.conversion} value={percent(overview.conversion, words)} hint={words.conversionHint} />
        <Figure name="buyers" label={words.buyers} value={totals.buyers} />
        <Figure name="newBuyers" label={words.newBuyers} value={totals.newBuyers} hint={words.buyersHint} />
        <Figure name="returningBuyers" label={words.returningBuyers} value={totals.returningBuyers} />
      </div>
      <div className="grid gap-4 xl:grid-cols-[2fr_1fr]">
        <Card title={words.chartTitle}>
          <DailyChart days={overview.days} words={words} />
        </Card>
        <Card title={words.buyersTitle}>
          <BuyersChart newBuyers={totals.newBuyers} returningBuyers={totals.returningBuyers} words={words} />
        </Card>
      </div>
      <Card title={words.topItems}>
        {overview.topItems.length === 0 ? (
          <p className="text-sm text-slate-500">{words.noItems}</p>
        ) : (
          <table className="w-full text-sm" data-testid="top-items">
            <thead>
              <tr className="text-left text-slate-500">
                <th className="py-2 font-normal">{words.item}</th>
                <th className="py-2 text-right font-normal">{words.itemViews}</th>
                <th className="py-2 text-right font-normal">{words.paidUnits}</th>
                <th className="py-2 text-right font-normal">{words.itemPaid}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {overview.topItems.map((item) => (
                <tr key={item.itemId}>
                  <td className="py-2">{item.title ?? words.deletedItem}</td>
                  <td className="py-2 text-right tabular-nums">{item.views}</td>
                  <td className="py-2 text-right tabular-nums">{item.paidUnits}</td>
                  <td className="py-2 text-right tabular-nums">{money(item.paidFen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <p className="text-xs text-slate-500">{words.definitions}</p>
    </div>
  );
}
