import { addStayDays, nightName, orderStatusName, shanghaiToday, yuanText } from "@kaidian/orders";
import { bookingsCalendar, frontDesk, type FrontDeskStay } from "@kaidian/orders/server";
import { can, inStore } from "@kaidian/tenancy";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FrontDeskButton } from "@/components/bookings/front-desk-button";
import { Forbidden } from "@/components/shell/forbidden";
import { buttonClass } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { type Dictionary, format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { database } from "@/server/db";
import { requireStore } from "@/server/session";

/** Two weeks from the chosen first night: what a front desk plans with. */
const DAYS = 14;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A night's share of rooms taken, as the cell's shade: occupancy at a glance. */
function shade(taken: number, offered: number): string {
  if (offered === 0) return "bg-slate-200 text-slate-500";
  const share = taken / offered;
  if (share >= 1) return "bg-rose-100 text-rose-900";
  if (share >= 0.5) return "bg-amber-100 text-amber-900";
  if (share > 0) return "bg-emerald-50 text-emerald-900";
  return "bg-white text-slate-700";
}

export default async function BookingsPage({ params, searchParams }: { params: Promise<{ store: string }>; searchParams: Promise<{ from?: string }> }) {
  const access = await requireStore((await params).store);
  if (access.store.templateId !== "hotel") notFound();
  const { t, locale } = await currentDictionary();
  if (!can(access.roles, "orders")) return <Forbidden t={t} role={access.role} />;
  const words = t.hotel;

  const today = shanghaiToday(new Date());
  const query = await searchParams;
  const from = query.from && DATE.test(query.from) && !Number.isNaN(Date.parse(query.from)) ? query.from : today;
  const [calendar, desk] = await inStore(database(), access, (tx) => Promise.all([bookingsCalendar(tx, from, DAYS), frontDesk(tx, today)]));
  const base = `/stores/${access.store.slug}/bookings`;
  const dates = Array.from({ length: DAYS }, (_, index) => addStayDays(from, index));

  return (
    <>
      <PageHeader title={words.title} lead={words.lead} />
      <div className="grid gap-4 lg:grid-cols-2">
        <FrontDeskList t={t} locale={locale} store={access.store.slug} title={format(words.arrivals, { date: nightName(today, locale) })} empty={words.noArrivals} stays={desk.arrivals} kind="arrival" />
        <FrontDeskList t={t} locale={locale} store={access.store.slug} title={format(words.departures, { date: nightName(today, locale) })} empty={words.noDepartures} stays={desk.departures} kind="departure" />
      </div>
      <Card className="mt-4">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
          <h2 className="text-base font-semibold">{words.calendar}</h2>
          <nav aria-label={words.calendar} className="flex items-center gap-2">
            <Link href={`${base}?from=${addStayDays(from, -DAYS)}`} className={buttonClass("secondary")}>{words.earlier}</Link>
            <Link href={base} className={buttonClass("secondary")}>{words.today}</Link>
            <Link href={`${base}?from=${addStayDays(from, DAYS)}`} className={buttonClass("secondary")}>{words.later}</Link>
          </nav>
        </div>
        {calendar.length === 0 ? (
          <EmptyState>{words.noRooms}</EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full border-separate border-spacing-0.5 text-center text-xs" aria-label={words.calendar} data-testid="bookings-calendar">
              <thead>
                <tr>
                  <th scope="col" className="sticky left-0 bg-white px-2 py-1 text-left font-medium text-slate-600">{words.roomType}</th>
                  {dates.map((date) => (
                    <th key={date} scope="col" className={`px-1 py-1 font-medium ${date === today ? "text-emerald-700" : "text-slate-600"}`}>{nightName(date, locale)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {calendar.map((room) => (
                  <tr key={room.id}>
                    <th scope="row" className="sticky left-0 bg-white px-2 py-1 text-left font-medium whitespace-nowrap">
                      {room.title}
                      <span className="block text-[11px] font-normal text-slate-500">{format(words.roomCount, { rooms: room.rooms })}</span>
                    </th>
                    {room.nights.map((night) => {
                      const taken = night.held + night.sold;
                      const label = night.closed
                        ? words.closed
                        : format(words.cellLabel, { sold: night.sold, held: night.held, left: night.left });
                      return (
                        <td key={night.date} className={`min-w-14 rounded px-1 py-1.5 ${shade(taken, night.offered)}`} title={label} aria-label={`${room.title} ${nightName(night.date, locale)}: ${label}`}>
                          {night.closed ? words.closed : <><span className="block text-sm font-semibold">{taken}/{night.offered}</span><span className="block">{format(words.left, { left: night.left })}</span></>}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="mt-2 text-xs text-slate-500">{words.legend}</p>
          </div>
        )}
      </Card>
    </>
  );
}

function FrontDeskList({ t, locale, store, title, empty, stays, kind }: {
  t: Dictionary; locale: "zh-CN" | "en"; store: string; title: string; empty: string; stays: FrontDeskStay[]; kind: "arrival" | "departure";
}) {
  const words = t.hotel;
  return (
    <Card>
      <h2 className="mb-3 text-base font-semibold">{title}</h2>
      {stays.length === 0 ? (
        <EmptyState>{empty}</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid={kind === "arrival" ? "arrivals" : "departures"}>
          {stays.map((stay) => (
            <li key={stay.orderId} className="flex flex-wrap items-center justify-between gap-3 py-3">
              <div className="min-w-0 text-sm">
                <p className="font-medium">{stay.guestName} · {stay.title}</p>
                <p className="text-slate-600">
                  {format(words.stayLine, { checkIn: nightName(stay.checkIn, locale), checkOut: nightName(stay.checkOut, locale), guests: stay.guests })} · {stay.guestPhone} · ¥{yuanText(stay.paidFen)}
                </p>
                <p className="text-xs text-slate-500">
                  <Link className="underline" href={`/stores/${store}/orders/${stay.orderId}`}>{stay.number}</Link> · {orderStatusName(stay.status, "stay", locale)}
                </p>
              </div>
              <div className="flex gap-2">
                {kind === "arrival" && stay.status === "paid" && (
                  <>
                    <FrontDeskButton store={store} orderId={stay.orderId} action="checkIn" label={words.checkIn} pendingLabel={t.common.loading} />
                    <FrontDeskButton store={store} orderId={stay.orderId} action="markNoShow" label={words.noShow} pendingLabel={t.common.loading} danger />
                  </>
                )}
                {kind === "departure" && stay.status === "checkedIn" && (
                  <FrontDeskButton store={store} orderId={stay.orderId} action="checkOut" label={words.checkOut} pendingLabel={t.common.loading} />
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
