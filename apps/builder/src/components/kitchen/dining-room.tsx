// The order inbox's tables: each table of a restaurant with its open tab (how it pays, its rounds, what is left to
// pay, with the counter's buttons), or free. Shown above the inbox when the store has tables.
import type { TabView } from "@kaidian/orders/server";
import Link from "next/link";
import { money } from "@/components/orders/order-format";
import { Card } from "@/components/ui/card";
import { format, type Dictionary } from "@/i18n";
import { TabCounter } from "./tab-counter";

type Entry = { table: { id: string; name: string }; tab: TabView | null };

export function DiningRoom({ t, store, tables, ordersBase }: { t: Dictionary; store: string; tables: Entry[]; ordersBase: string }) {
  const words = t.kitchen;
  return (
    <Card className="mb-4">
      <h2 className="text-base font-semibold text-slate-900">{words.tables}</h2>
      <p className="mb-3 text-sm text-slate-500">{words.tablesLead}</p>
      <ul className="grid grid-cols-[repeat(auto-fill,minmax(11rem,1fr))] gap-3" data-testid="dining-room">
        {tables.map(({ table, tab }) => (
          <li key={table.id} data-testid="dining-table" data-open={tab !== null} className={`rounded-lg border p-3 text-sm ${tab ? "border-brand-300 bg-brand-50" : "border-slate-200"}`}>
            <p className="font-semibold text-slate-900">{format(words.table, { table: table.name })}</p>
            {tab ? (
              <>
                <p className="text-slate-600">{tab.payment === "payFirst" ? words.payFirst : words.payAtEnd} · {format(words.rounds, { count: tab.rounds.length })}</p>
                <p className="font-medium text-slate-900">{money(tab.totalFen)}</p>
                {tab.bill && tab.bill.status === "pendingPayment" && (
                  <>
                    <Link href={`${ordersBase}/${tab.bill.orderId}`} className="text-brand-700 underline">{format(words.unpaid, { amount: money(tab.bill.totalFen) })}</Link>
                    <TabCounter kind="markPaid" store={store} tab={tab.id} amountFen={tab.bill.totalFen} label={words.markPaid} pending={t.common.loading} />
                  </>
                )}
                {tab.payment === "payFirst" && <TabCounter kind="clear" store={store} tab={tab.id} label={words.clear} pending={t.common.loading} />}
              </>
            ) : (
              <p className="text-slate-500">{words.free}</p>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}
