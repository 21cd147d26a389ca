"use client";
// The owner's order settings: the delivery rules (read by deliveryRulesSchema on the server) and the time to pay.
// Amounts are typed in yuan and stored in fen.
import type { OrderSettings } from "@kaidian/orders/server";
import { yuanText } from "@kaidian/orders";
import { useActionState } from "react";
import type { Dictionary } from "@/i18n";
import { saveOrderSettingsAction } from "@/server/actions/orders";
import { Field, FormError } from "../ui/field";
import { SubmitButton } from "../ui/submit-button";

function Toggle({ name, label, defaultChecked, error }: { name: string; label: string; defaultChecked: boolean; error?: string }) {
  return (
    <div>
      <label className="inline-flex items-center gap-2 text-sm font-medium text-slate-800">
        <input type="checkbox" name={name} defaultChecked={defaultChecked} className="size-4 accent-brand-600" aria-invalid={error ? true : undefined} />
        {label}
      </label>
      {error && <p role="alert" className="mt-1 text-xs font-medium text-red-600">{error}</p>}
    </div>
  );
}

export function OrderSettingsForm({ t, store, settings }: { t: Dictionary; store: string; settings: OrderSettings }) {
  const [state, action] = useActionState(saveOrderSettingsAction, {});
  const words = t.orders.settings;
  const v = state.values;
  const errors = state.fieldErrors ?? {};
  const { express, pickup } = settings.delivery;
  // After a refused save the form shows what was typed; otherwise what is stored.
  const checked = (name: string, stored: boolean) => (v ? v[name] === "on" : stored);
  return (
    <form action={action} noValidate className="space-y-6" key={state.result ? `saved-${state.result.revision}` : "form"}>
      <input type="hidden" name="store" value={store} />
      <input type="hidden" name="revision" value={settings.revision} />
      <fieldset className="space-y-3">
        <legend className="mb-2 text-sm font-semibold text-slate-900">{words.express}</legend>
        <Toggle name="expressEnabled" label={words.expressEnabled} defaultChecked={checked("expressEnabled", express.enabled)} error={errors.expressEnabled} />
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label={words.fee} name="fee" inputMode="decimal" defaultValue={v?.fee ?? yuanText(express.feeFen)} error={errors.fee} />
          <Field label={words.freeFrom} name="freeFrom" inputMode="decimal" hint={words.freeFromHint} defaultValue={v?.freeFrom ?? (express.freeFromFen === null ? "" : yuanText(express.freeFromFen))} error={errors.freeFrom} />
        </div>
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="mb-2 text-sm font-semibold text-slate-900">{words.pickup}</legend>
        <Toggle name="pickupEnabled" label={words.pickupEnabled} defaultChecked={checked("pickupEnabled", pickup.enabled)} />
        <Field label={words.pickupAddress} name="pickupAddress" hint={words.pickupAddressHint} defaultValue={v?.pickupAddress ?? pickup.address} error={errors.pickupAddress} />
      </fieldset>
      <Field label={words.unpaidMinutes} name="unpaidMinutes" type="number" min={5} max={1440} hint={words.unpaidMinutesHint} defaultValue={v?.unpaidMinutes ?? String(settings.unpaidMinutes)} error={errors.unpaidMinutes} />
      <FormError message={state.formError} reload={state.stale ? t.edits.reload : undefined} />
      {state.result && <p role="status" className="text-sm text-brand-700">{words.saved}</p>}
      <SubmitButton pendingLabel={t.common.loading}>{words.save}</SubmitButton>
    </form>
  );
}
