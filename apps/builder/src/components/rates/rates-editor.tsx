"use client";
import type { Night } from "@kaidian/catalog/server";
import { useActionState, useState } from "react";
import { type Dictionary, format } from "@/i18n";
import { setNightsAction } from "@/server/actions/rates";
import { Field, FormError } from "../ui/field";
import { SubmitButton } from "../ui/submit-button";
import { MonthGrid, type Range } from "./month-grid";

const WEEK = [1, 2, 3, 4, 5, 6, 0] as const;
const inputClass = "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm";

/**
 * The month grid and the bulk form beside it: picking days in the grid fills the form's dates. A change names the
 * calendar's `revision` it was made from; if someone changed the room's nights since, it is refused, saying who.
 */
export function RatesEditor({ t, store, itemId, revision, gridLabel, nights, today }: {
  t: Dictionary; store: string; itemId: string; revision: number; gridLabel: string; nights: Night[]; today: string;
}) {
  const [state, action] = useActionState(setNightsAction, {});
  const v = state.result ? {} : (state.values ?? {});
  const [range, setRange] = useState<Range>({ from: v.from ?? today, to: v.to ?? today });
  const [pickingEnd, setPickingEnd] = useState(false);
  const [weekdays, setWeekdays] = useState<number[]>(() => (v.weekdays !== undefined ? v.weekdays.split(",").filter(Boolean).map(Number) : [...WEEK]));
  const errors = state.fieldErrors ?? {};

  function pick(date: string) {
    if (pickingEnd && date >= range.from) setRange({ from: range.from, to: date });
    else setRange({ from: date, to: date });
    setPickingEnd(!pickingEnd || date < range.from);
  }

  const toggle = (day: number) => setWeekdays((days) => (days.includes(day) ? days.filter((d) => d !== day) : [...days, day]));

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_20rem]">
      <MonthGrid t={t} label={gridLabel} nights={nights} today={today} range={range} onPick={pick} />
      <form action={action} noValidate aria-labelledby="rates-form-title" className="space-y-4" key={JSON.stringify(state)}>
        <h2 id="rates-form-title" className="text-base font-semibold">{t.rates.form.title}</h2>
        {state.result && <p role="status" className="rounded-lg border border-brand-200 bg-brand-50 px-3 py-2 text-sm text-brand-800">{format(t.rates.form.saved, { count: state.result.count })}</p>}
        <FormError message={errors.itemId ?? state.formError} reload={state.stale ? t.edits.reload : undefined} />
        <input type="hidden" name="store" value={store} />
        <input type="hidden" name="revision" value={revision} />
        <input type="hidden" name="itemId" value={itemId} />
        <input type="hidden" name="weekdays" value={[...weekdays].sort().join(",")} />
        <div className="grid grid-cols-2 gap-3">
          <Field label={t.rates.form.from} name="from" type="date" value={range.from} error={errors.from} onChange={(e) => setRange({ ...range, from: e.target.value })} />
          <Field label={t.rates.form.to} name="to" type="date" value={range.to} error={errors.to} onChange={(e) => setRange({ ...range, to: e.target.value })} />
        </div>
        <fieldset aria-describedby={errors.weekdays ? "weekdays-error" : undefined}>
          <legend className="text-sm font-medium text-slate-800">{t.rates.form.weekdays}</legend>
          <div className="mt-1.5 flex flex-wrap gap-1.5">
            {WEEK.map((day) => (
              <label key={day} className="flex items-center gap-1 rounded-md border border-slate-300 px-2 py-1 text-sm has-checked:border-brand-500 has-checked:bg-brand-50">
                <input type="checkbox" checked={weekdays.includes(day)} onChange={() => toggle(day)} className="accent-brand-600" />
                {t.rates.weekdays[day]}
              </label>
            ))}
          </div>
          <div className="mt-1.5 flex gap-3 text-xs">
            <button type="button" className="text-brand-700 underline" onClick={() => setWeekdays([...WEEK])}>{t.rates.form.everyDay}</button>
            <button type="button" className="text-brand-700 underline" onClick={() => setWeekdays([5, 6])}>{t.rates.form.weekends}</button>
          </div>
          {errors.weekdays && <p id="weekdays-error" role="alert" className="mt-1 text-xs font-medium text-red-600">{errors.weekdays}</p>}
        </fieldset>
        <Choice legend={t.rates.form.rate} name="rateMode" initial={v.rateMode ?? "keep"} error={errors.rate ?? errors.rateFen}
          options={[["keep", t.rates.form.rateKeep], ["set", t.rates.form.rateSet], ["base", t.rates.form.rateBase]]}>
          <label htmlFor="rate" className="sr-only">{t.rates.form.rateAmount}</label>
          <input id="rate" name="rate" inputMode="decimal" defaultValue={v.rate} aria-invalid={Boolean(errors.rate ?? errors.rateFen) || undefined} className={inputClass} />
        </Choice>
        <Choice legend={t.rates.form.rooms} name="roomsMode" initial={v.roomsMode ?? "keep"} error={errors.available}
          options={[["keep", t.rates.form.roomsKeep], ["set", t.rates.form.roomsSet], ["closed", t.rates.form.roomsClosed]]}>
          <label htmlFor="available" className="sr-only">{t.rates.form.roomsAmount}</label>
          <input id="available" name="available" inputMode="numeric" defaultValue={v.available} aria-invalid={Boolean(errors.available) || undefined} className={inputClass} />
        </Choice>
        <SubmitButton pendingLabel={t.common.loading} className="w-full">{t.rates.form.submit}</SubmitButton>
      </form>
    </div>
  );
}

/** Radio choices of what to do with one setting, the amount's input shown beside the "set" choice. */
function Choice({ legend, name, initial, error, options, children }: {
  legend: string; name: string; initial: string; error?: string; options: [string, string][]; children: React.ReactNode;
}) {
  const [mode, setMode] = useState(initial);
  return (
    <fieldset aria-describedby={error ? `${name}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <div className="mt-1.5 space-y-1.5">
        {options.map(([value, label]) => (
          <div key={value} className="flex items-center gap-2 text-sm">
            <label className="flex shrink-0 items-center gap-2">
              <input type="radio" name={name} value={value} checked={mode === value} onChange={() => setMode(value)} className="accent-brand-600" />
              {label}
            </label>
            {value === "set" && <div className={mode === "set" ? "min-w-0 flex-1" : "hidden"}>{children}</div>}
          </div>
        ))}
      </div>
      {error && <p id={`${name}-error`} role="alert" className="mt-1 text-xs font-medium text-red-600">{error}</p>}
    </fieldset>
  );
}
