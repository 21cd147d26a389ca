"use client";
// A room type's facts: guests, beds, area, amenities, breakfast, how many rooms, and the cancellation policy.
import type { Dictionary } from "@/i18n";
import type { ItemDraft } from "./item-draft";
import { CheckBox, TextInput } from "./inputs";

export function RoomFields({ t, draft, onDraft, errors }: {
  t: Dictionary; draft: ItemDraft; onDraft: (draft: ItemDraft) => void; errors: (path: string, within?: boolean) => string | undefined;
}) {
  const words = t.catalog.form;
  const set = (change: Partial<ItemDraft>) => onDraft({ ...draft, ...change });
  return (
    <fieldset className="space-y-4">
      <legend className="text-base font-semibold text-slate-900">{words.room}</legend>
      <div className="grid gap-4 sm:grid-cols-3">
        <TextInput path="details.capacity" label={words.capacity} inputMode="numeric" value={draft.capacity} onValue={(capacity) => set({ capacity })} error={errors("details.capacity")} />
        <TextInput path="details.bedType" label={words.bedType} value={draft.bedType} onValue={(bedType) => set({ bedType })} error={errors("details.bedType")} />
        <TextInput path="details.areaSqm" label={words.areaSqm} inputMode="numeric" value={draft.areaSqm} onValue={(areaSqm) => set({ areaSqm })} error={errors("details.areaSqm")} />
      </div>
      <TextInput path="details.amenities" label={words.amenities} hint={words.amenitiesHint} value={draft.amenities} onValue={(amenities) => set({ amenities })} error={errors("details.amenities", true)} />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextInput path="details.rooms" label={words.rooms} hint={words.roomsHint} inputMode="numeric" value={draft.rooms} onValue={(rooms) => set({ rooms })} error={errors("details.rooms")} />
      </div>
      <CheckBox id="details.breakfast" label={words.breakfast} checked={draft.breakfast} onChecked={(breakfast) => set({ breakfast })} />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">{words.cancellation}</legend>
        {(["free", "partial", "nonRefundable"] as const).map((kind) => (
          <label key={kind} className="flex items-center gap-2 text-sm text-slate-800">
            <input type="radio" name="cancellation" value={kind} checked={draft.cancellation === kind} onChange={() => set({ cancellation: kind })} className="accent-brand-600" />
            {kind === "free" ? words.freeCancellation : kind === "partial" ? t.hotel.partialRefund : words.nonRefundable}
          </label>
        ))}
        {draft.cancellation === "free" && (
          <div className="max-w-xs pl-6">
            <TextInput
              path="details.cancellation.hoursBefore" label={words.hoursBefore} hint={words.hoursBeforeHint} inputMode="numeric"
              value={draft.hoursBefore} onValue={(hoursBefore) => set({ hoursBefore })} error={errors("details.cancellation.hoursBefore")}
            />
          </div>
        )}
        {draft.cancellation === "partial" && (
          <div className="max-w-xs pl-6">
            <TextInput
              path="details.cancellation.percent" label={t.hotel.refundPercent} hint={t.hotel.refundPercentHint} inputMode="numeric"
              value={draft.refundPercent} onValue={(refundPercent) => set({ refundPercent })} error={errors("details.cancellation.percent")}
            />
          </div>
        )}
      </fieldset>
    </fieldset>
  );
}
