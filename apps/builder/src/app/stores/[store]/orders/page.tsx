import { formatPickupNumber } from "@kaidian/orders";
import { orderListQuerySchema } from "@kaidian/orders/server";
import { can } from "@kaidian/tenancy";
import Link from "next/link";
import { OrderFilters, OrderPager, ordersHref } from "@/components/orders/order-filters";
import { money, orderTime } from "@/components/orders/order-format";
import { OrderLive } from "@/components/orders/order-live";
import { OrderStatusBadge } from "@/components/orders/status-badge";
import { Forbidden } from "@/components/shell/forbidden";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { DiningRoom } from "@/components/kitchen/dining-room";
import { diningRoom } from "@/server/kitchen";
import { ordersPage, queryValues } from "@/server/orders";
import { requireStore } from "@/server/session";

export default async function OrdersPage({ params, searchParams }: { params: Promise<{ store: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const access = await requireStore((await params).store);
  const { t, locale } = await currentDictionary();
  if (!can(access.roles, "orders")) return <Forbidden t={t} role={access.role} />;
  // A malformed query (a hand-edited address) shows the whole inbox rather than an error page.
  const parsed = orderListQuerySchema.safeParse(queryValues(await searchParams));
  const query = parsed.success ? parsed.data : {};
  const [{ orders, total, page, pageCount }, tables] = await Promise.all([ordersPage(access, query), diningRoom(access)]);
  const base = `/stores/${access.store.slug}/orders`;
  const words = t.orders;
  const filtered = Boolean(query.status || query.from || query.to || query.q);

  return (
    <>
      <PageHeader
        title={words.title}
        lead={words.lead}
        action={
          <div className="flex flex-wrap gap-2">
            {tables.length > 0 && <Link href={`/stores/${access.store.slug}/kitchen`} className={buttonClass("secondary")}>{t.kitchen.open}</Link>}
            {can(access.roles, "settings") && <Link href={`${base}/settings`} className={buttonClass("secondary")}>{words.settingsLink}</Link>}
            <a href={ordersHref(`${base}/export`, query)} className={buttonClass("secondary")} download>{words.exportCsv}</a>
          </div>
        }
      />
      <OrderLive store={access.store.slug} words={{ ...words.live, sound: words.sound, newPaid: words.newPaid }} />
      {tables.length > 0 && <DiningRoom t={t} store={access.store.slug} tables={tables} ordersBase={base} />}
      <Card>
        <OrderFilters t={t} locale={locale} base={base} query={query} />
        {orders.length === 0 ? (
          <EmptyState>{filtered ? words.noMatch : words.empty}</EmptyState>
        ) : (
          <>
            <p className="mb-2 text-xs text-slate-500">{format(words.total, { total })}</p>
            <div className="overflow-x-auto">
              <table className="w-full min-w-[44rem] text-left text-sm" data-testid="orders">
                <thead className="border-b border-slate-200 text-xs text-slate-500">
                  <tr>
                    <th className="py-2 pr-3 font-medium">{words.columns.number}</th>
                    <th className="py-2 pr-3 font-medium">{words.columns.placedAt}</th>
                    <th className="py-2 pr-3 font-medium">{words.columns.items}</th>
                    <th className="py-2 pr-3 font-medium">{words.columns.customer}</th>
                    <th className="py-2 pr-3 text-right font-medium">{words.columns.total}</th>
                    <th className="py-2 font-medium">{words.columns.status}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {orders.map((order) => (
                    <tr key={order.id} data-order={order.number} className="align-top hover:bg-slate-50">
                      <td className="py-2.5 pr-3">
                        <Link href={`${base}/${order.id}`} className="font-mono font-medium text-brand-700 underline-offset-2 hover:underline">{order.number}</Link>
                        {order.pickupNumber !== null && (
                          <span data-testid="pickup-number" className="block font-mono text-xs font-semibold text-brand-800">{format(t.queue.takeaway.pickupNumber, { number: formatPickupNumber(order.pickupNumber) })}</span>
                        )}
                      </td>
                      <td className="whitespace-nowrap py-2.5 pr-3 text-slate-600">{orderTime(order.createdAt, locale)}</td>
                      <td className="max-w-[16rem] py-2.5 pr-3 text-slate-800">
                        <span className="line-clamp-2">
                          {order.lineCount > 1 ? format(words.itemsSummary, { title: order.firstTitle, count: order.itemCount }) : format(words.oneItem, { title: order.firstTitle, count: order.itemCount })}
                        </span>
                      </td>
                      <td className="py-2.5 pr-3 text-slate-700">
                        <span className="block">{order.delivery === "pickup" ? words.pickupCustomer : (order.recipient ?? "")}</span>
                        {order.phone && <span className="block text-xs text-slate-500">{order.phone}</span>}
                      </td>
                      <td className="whitespace-nowrap py-2.5 pr-3 text-right font-medium tabular-nums text-slate-900">{money(order.totalFen)}</td>
                      <td className="py-2.5">
                        <div className="flex flex-wrap gap-1">
                          <OrderStatusBadge status={order.status} delivery={order.delivery} locale={locale} />
                          {order.refundRequested && <Badge tone="bad">{words.badges.refund}</Badge>}
                          {order.paymentProblem && <Badge tone="bad">{words.badges.problem}</Badge>}
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
        <OrderPager t={t} base={base} query={query} page={page} pageCount={pageCount} />
      </Card>
    </>
  );
}
