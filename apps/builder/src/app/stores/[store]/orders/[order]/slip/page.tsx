import { optionsText } from "@kaidian/orders/server";
import { can } from "@kaidian/tenancy";
import Link from "next/link";
import { notFound } from "next/navigation";
import { money, orderTime } from "@/components/orders/order-format";
import { Forbidden } from "@/components/shell/forbidden";
import { PrintButton } from "@/components/tables/print-button";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { orderPage } from "@/server/orders";
import { requireStore } from "@/server/session";

// On paper: A5 portrait, only the slip (the dashboard's bars and this page's header are hidden), black on white.
const PRINT_CSS = `
@page { size: A5; margin: 10mm; }
@media print {
  body { background: #fff !important; }
  body header, body nav, [data-screen-only] { display: none !important; }
  main { padding: 0 !important; }
  [data-slip] { border: none !important; box-shadow: none !important; padding: 0 !important; max-width: none !important; }
  [data-slip] tr { break-inside: avoid; page-break-inside: avoid; }
}`;

export default async function PackingSlipPage({ params }: { params: Promise<{ store: string; order: string }> }) {
  const { store: ref, order: orderId } = await params;
  const access = await requireStore(ref);
  const { t, locale } = await currentDictionary();
  if (!can(access.roles, "orders")) return <Forbidden t={t} role={access.role} />;
  const order = await orderPage(access, orderId);
  if (!order) notFound();
  const words = t.orders.slip;
  const address = order.address;

  return (
    <>
      <style>{PRINT_CSS}</style>
      <div data-screen-only>
        <PageHeader
          title={words.title}
          lead={words.lead}
          action={
            <div className="flex gap-2">
              <Link href={`/stores/${access.store.slug}/orders/${order.id}`} className={buttonClass("secondary")}>{t.orders.detail.back}</Link>
              <PrintButton label={words.print} />
            </div>
          }
        />
      </div>
      <article data-slip className="mx-auto max-w-2xl rounded-xl border border-slate-300 bg-white p-6 text-sm text-slate-900 shadow-sm">
        {/* Not a <header>: the print CSS hides the dashboard's headers. */}
        <div className="mb-4 flex items-start justify-between gap-4 border-b border-slate-900 pb-3">
          <div>
            <p className="text-xs text-slate-600">{words.store}</p>
            <h2 className="text-lg font-semibold">{access.store.name}</h2>
          </div>
          <div className="text-right">
            <p className="text-xs text-slate-600">{words.number}</p>
            <p className="font-mono text-xl font-bold" data-testid="slip-number">{order.number}</p>
            <p className="text-xs text-slate-600">{words.placedAt} {orderTime(order.createdAt, locale)}</p>
          </div>
        </div>
        <section className="mb-4 grid gap-1">
          {address ? (
            <>
              <p><span className="text-slate-600">{words.recipient}：</span><strong>{address.name}</strong>　<span className="text-slate-600">{words.phone}：</span>{address.phone}</p>
              <p><span className="text-slate-600">{words.address}：</span>{[address.province, address.city, address.district, address.detail].filter(Boolean).join(" ")}{address.postalCode ? ` ${address.postalCode}` : ""}</p>
            </>
          ) : (
            <p>{format(words.pickup, { address: order.pickupAddress })}{order.shopperPhone ? `　${words.phone}：${order.shopperPhone}` : ""}</p>
          )}
          {order.note && <p className="mt-1 rounded border border-slate-400 p-2"><span className="text-slate-600">{words.note}：</span>{order.note}</p>}
        </section>
        <h3 className="mb-1 text-xs font-semibold text-slate-600">{words.items}</h3>
        <table className="w-full border-collapse text-sm" data-testid="slip-lines">
          <thead>
            <tr className="border-y border-slate-900 text-left text-xs">
              <th className="py-1.5 pr-2 font-medium">{t.orders.detail.item}</th>
              <th className="py-1.5 pr-2 font-medium">{t.orders.detail.options}</th>
              <th className="py-1.5 pr-2 text-right font-medium">{t.orders.detail.quantity}</th>
              <th className="py-1.5 pr-2 text-right font-medium">{t.orders.detail.lineTotal}</th>
              <th className="w-10 py-1.5 text-center font-medium">{words.checked}</th>
            </tr>
          </thead>
          <tbody>
            {order.lines.map((line) => (
              <tr key={line.position} className="border-b border-slate-300">
                <td className="py-1.5 pr-2">{line.title}</td>
                <td className="py-1.5 pr-2 text-slate-700">{optionsText(line)}</td>
                <td className="py-1.5 pr-2 text-right font-semibold tabular-nums">{line.quantity}</td>
                <td className="py-1.5 pr-2 text-right tabular-nums">{money(line.lineTotalFen)}</td>
                <td className="py-1.5 text-center"><span aria-hidden className="inline-block size-4 border border-slate-700" /></td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-3 text-right">
          {t.orders.detail.deliveryFee} {money(order.deliveryFeeFen)}　<strong>{t.orders.detail.total} {money(order.totalFen)}</strong>
        </p>
      </article>
    </>
  );
}
