"use client";
import type { Night } from "@kaidian/catalog/server";
import { type KeyboardEvent, useRef, useState } from "react";
import { type Dictionary, format } from "@/i18n";

export type Range = { from: string; to: string };

const WEEK = [1, 2, 3, 4, 5, 6, 0] as const;
const yuan = (fen: number) => (fen / 100).toFixed(fen % 100 === 0 ? 0 : 2);

/**
 * A month of nights as a grid, weeks from Monday. One day is in the tab order at a time; the arrow keys move
 * between days (Home and End to the month's ends) and Enter or Space picks a day as the start, then the end, of
 * the range the bulk form changes.
 */
export function MonthGrid({ t, label, nights, today, range, onPick }: {
  t: Dictionary; label: string; nights: Night[]; today: string; range: Range | null; onPick: (date: string) => void;
}) {
  // "YYYY-MM-DD" strings order as the dates do.
  const [focused, setFocused] = useState(() => (nights.some((night) => night.date === today) ? today : nights[0]!.date));
  const cells = useRef(new Map<string, HTMLButtonElement>());
  const lead = (nights[0]!.weekday + 6) % 7;
  const weeks: (Night | null)[][] = [];
  const padded = [...Array<null>(lead).fill(null), ...nights];
  for (let i = 0; i < padded.length; i += 7) weeks.push([...padded.slice(i, i + 7), ...Array<null>(Math.max(0, i + 7 - padded.length)).fill(null)]);

  function move(index: number) {
    const target = nights[Math.min(Math.max(index, 0), nights.length - 1)]!.date;
    setFocused(target);
    cells.current.get(target)?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const step = ({ ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 } as Record<string, number>)[event.key];
    if (step !== undefined) move(index + step);
    else if (event.key === "Home") move(0);
    else if (event.key === "End") move(nights.length - 1);
    else return;
    event.preventDefault();
  }

  const inRange = (date: string) => range !== null && range.from <= date && date <= range.to;

  return (
    <div>
      <table role="grid" aria-label={label} aria-describedby="rates-grid-hint" className="w-full table-fixed border-separate border-spacing-1 text-sm">
        <thead>
          <tr>{WEEK.map((day) => <th key={day} scope="col" className="py-1 text-xs font-medium text-slate-500">{t.rates.weekdays[day]}</th>)}</tr>
        </thead>
        <tbody>
          {weeks.map((week, row) => (
            <tr key={row}>
              {week.map((night, column) =>
                night ? (
                  <td key={night.date} role="gridcell" aria-selected={inRange(night.date)}>
                    <Day t={t} night={night} past={night.date < today} selected={inRange(night.date)}
                      focusable={night.date === focused}
                      refCell={(element) => void (element ? cells.current.set(night.date, element) : cells.current.delete(night.date))}
                      onFocus={() => setFocused(night.date)} onKeyDown={(event) => onKeyDown(event, nights.indexOf(night))} onPick={() => onPick(night.date)} />
                  </td>
                ) : (
                  <td key={`blank-${column}`} aria-hidden />
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <p id="rates-grid-hint" className="mt-2 text-xs text-slate-500">{t.rates.gridHint} {t.rates.legendChanged}</p>
    </div>
  );
}

function Day({ t, night, past, selected, focusable, refCell, onFocus, onKeyDown, onPick }: {
  t: Dictionary; night: Night; past: boolean; selected: boolean; focusable: boolean;
  refCell: (element: HTMLButtonElement | null) => void; onFocus: () => void; onKeyDown: (event: KeyboardEvent<HTMLButtonElement>) => void; onPick: () => void;
}) {
  const changed = night.rateOverridden || night.availableOverridden;
  // Rooms left are after bookings; a night the merchant closed reads differently from one that sold out.
  const closed = night.closed;
  const booked = night.held + night.sold;
  const rooms = closed ? t.rates.closed : night.available === 0 ? t.hotel.soldOut : format(t.rates.roomsLeft, { count: night.available });
  const notes = [booked > 0 && format(t.hotel.booked, { count: booked }), changed && t.rates.changed, past && t.rates.past].filter(Boolean).join("，");
  return (
    <button
      ref={refCell}
      type="button"
      tabIndex={focusable ? 0 : -1}
      data-date={night.date}
      onFocus={onFocus}
      onKeyDown={onKeyDown}
      onClick={onPick}
      aria-label={`${night.date} ¥${yuan(night.rateFen)} ${rooms}${notes ? `（${notes}）` : ""}`}
      className={`relative flex h-16 w-full flex-col items-start rounded-lg border px-1.5 py-1 text-left outline-none focus-visible:ring-2 focus-visible:ring-brand-500 ${
        selected ? "border-brand-500 bg-brand-50" : closed ? "border-slate-200 bg-slate-100" : "border-slate-200 bg-white hover:border-brand-200"
      } ${past ? "opacity-50" : ""}`}
    >
      <span className="text-xs text-slate-500">{Number(night.date.slice(8))}</span>
      <span className={`text-xs font-medium ${night.rateOverridden ? "text-brand-700" : "text-slate-900"}`}>¥{yuan(night.rateFen)}</span>
      <span className={`text-[11px] ${closed ? "font-medium text-red-600" : "text-slate-500"}`}>{rooms}{booked > 0 && !closed ? ` · ${format(t.hotel.booked, { count: booked })}` : ""}</span>
      {changed && <span aria-hidden className="absolute right-1 top-1 size-1.5 rounded-full bg-brand-600" />}
    </button>
  );
}
