// The inbox's filters, a plain GET form so the query lives in the address (and in the CSV link), and the pager.
import { ORDER_FILTERS, type OrderListQuery } from "@kaidian/orders/server";
import { orderStatusName, type Locale } from "@kaidian/orders";
import Link from "next/link";
import { format, type Dictionary } from "@/i18n";
import { inputClass, smallButtonClass } from "../catalog/inputs";
import { buttonClass } from "../ui/button";

export function ordersHref(base: string, query: OrderListQuery, page?: number): string {
  const params = new URLSearchParams();
  for (const key of ["status", "from", "to", "q"] as const) if (query[key]) params.set(key, String(query[key]));
  if (page && page > 1) params.set("page", String(page));
  const text = params.toString();
  return text ? `${base}?${text}` : base;
}

/** A filter's name: a status as the inbox lists it (paid covers waiting for shipment and for pickup). */
function filterName(t: Dictionary, locale: Locale, filter: (typeof ORDER_FILTERS)[number]): string {
  if (filter === "refundRequested") return t.orders.refundRequested;
  if (filter === "paid") return `${orderStatusName("paid", "express", locale)} / ${orderStatusName("paid", "pickup", locale)}`;
  return orderStatusName(filter, "express", locale);
}

export function OrderFilters({ t, locale, base, query }: { t: Dictionary; locale: Locale; base: string; query: OrderListQuery }) {
  const words = t.orders.filters;
  const filtered = Boolean(query.status || query.from || query.to || query.q);
  return (
    <form action={base} method="get" role="search" className="mb-4 grid gap-2 sm:grid-cols-2 lg:grid-cols-[minmax(12rem,1fr)_9rem_15rem_12rem_auto]">
      <label className="text-sm">
        <span className="sr-only">{words.q}</span>
        <input type="search" name="q" defaultValue={query.q ?? ""} maxLength={40} placeholder={words.qPlaceholder} aria-label={words.q} className={inputClass()} />
      </label>
      <label className="text-sm">
        <span className="sr-only">{words.status}</span>
        <select name="status" defaultValue={query.status ?? ""} aria-label={words.status} className={inputClass()}>
          <option value="">{words.anyStatus}</option>
          {ORDER_FILTERS.map((filter) => <option key={filter} value={filter}>{filterName(t, locale, filter)}</option>)}
        </select>
      </label>
      <label className="flex items-center gap-1.5 text-sm">
        <span className="shrink-0 text-slate-600">{words.from}</span>
        <input type="date" name="from" defaultValue={query.from ?? ""} className={inputClass()} />
      </label>
      <label className="flex items-center gap-1.5 text-sm">
        <span className="shrink-0 text-slate-600">{words.to}</span>
        <input type="date" name="to" defaultValue={query.to ?? ""} className={inputClass()} />
      </label>
      <div className="flex items-center gap-2">
        <button type="submit" className={buttonClass("secondary")}>{words.submit}</button>
        {filtered && <Link href={base} className={smallButtonClass}>{words.clear}</Link>}
      </div>
    </form>
  );
}

export function OrderPager({ t, base, query, page, pageCount }: { t: Dictionary; base: string; query: OrderListQuery; page: number; pageCount: number }) {
  if (pageCount <= 1) return null;
  const label = format(t.orders.page, { page, pageCount });
  return (
    <nav className="mt-4 flex items-center justify-between text-sm text-slate-600" aria-label={label}>
      {page > 1 ? <Link href={ordersHref(base, query, page - 1)} className={smallButtonClass} rel="prev">{t.orders.previous}</Link> : <span />}
      <span>{label}</span>
      {page < pageCount ? <Link href={ordersHref(base, query, page + 1)} className={smallButtonClass} rel="next">{t.orders.next}</Link> : <span />}
    </nav>
  );
}
