import { calendarMonthSchema, listRooms, monthCalendar, storeToday } from "@kaidian/catalog/server";
import { can, inStore } from "@kaidian/tenancy";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RatesEditor } from "@/components/rates/rates-editor";
import { Forbidden } from "@/components/shell/forbidden";
import { buttonClass } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { database } from "@/server/db";
import { requireStore } from "@/server/session";

function shiftMonth(month: string, by: number): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + by);
  return date.toISOString().slice(0, 7);
}

export default async function RatesPage({ params, searchParams }: {
  params: Promise<{ store: string }>; searchParams: Promise<{ room?: string; month?: string }>;
}) {
  const access = await requireStore((await params).store);
  if (access.store.templateId !== "hotel") notFound();
  const { t } = await currentDictionary();
  if (!can(access.roles, "catalog")) return <Forbidden t={t} role={access.role} />;

  const query = await searchParams;
  const month = calendarMonthSchema.safeParse(query.month).success ? query.month! : storeToday().slice(0, 7);
  const rooms = await inStore(database(), access, listRooms);
  const room = rooms.find((candidate) => candidate.id === query.room) ?? rooms[0];
  if (query.room && room?.id !== query.room) notFound();
  if (!room) {
    return (
      <>
        <PageHeader title={t.rates.title} lead={t.rates.lead} />
        <Card><EmptyState>{t.rates.noRooms}</EmptyState></Card>
      </>
    );
  }

  const calendar = await inStore(database(), access, (tx) => monthCalendar(tx, room.id, month));
  const base = `/stores/${access.store.slug}/rates`;
  const link = (to: { room?: string; month?: string }) => `${base}?${new URLSearchParams({ room: to.room ?? room.id, month: to.month ?? month })}`;
  const monthLabel = format(t.rates.month, { year: month.slice(0, 4), month: Number(month.slice(5)) });

  return (
    <>
      <PageHeader title={t.rates.title} lead={t.rates.lead} />
      <Card>
        <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
          <form method="get" action={base} className="flex items-end gap-2">
            <input type="hidden" name="month" value={month} />
            <div className="space-y-1.5">
              <label htmlFor="room" className="block text-sm font-medium text-slate-800">{t.rates.room}</label>
              <select id="room" name="room" defaultValue={room.id} className="block rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm">
                {rooms.map((option) => <option key={option.id} value={option.id}>{option.title}</option>)}
              </select>
            </div>
            <button type="submit" className={buttonClass("secondary")}>{t.rates.show}</button>
          </form>
          <nav aria-label={monthLabel} className="flex items-center gap-2">
            <Link href={link({ month: shiftMonth(month, -1) })} className={buttonClass("secondary")}>{t.rates.previousMonth}</Link>
            <span className="min-w-24 text-center font-medium" aria-live="polite">{monthLabel}</span>
            <Link href={link({ month: shiftMonth(month, 1) })} className={buttonClass("secondary")}>{t.rates.nextMonth}</Link>
          </nav>
        </div>
        <p className="mb-3 text-sm text-slate-600">{format(t.rates.basePrice, { price: (room.priceFen / 100).toFixed(room.priceFen % 100 ? 2 : 0), rooms: room.rooms })}</p>
        <RatesEditor
          key={`${room.id}-${month}`}
          t={t}
          store={access.store.slug}
          itemId={room.id}
          revision={calendar.room.nightsRevision}
          gridLabel={format(t.rates.gridLabel, { room: room.title, month: monthLabel })}
          nights={calendar.nights}
          today={calendar.today}
        />
      </Card>
    </>
  );
}
