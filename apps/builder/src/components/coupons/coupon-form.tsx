"use client";
// The merchant's new coupon. The fields follow @kaidian/coupons' schema (the server parses with it and shows each
// refusal at its field); amounts are typed in yuan and stored in fen. The parts of the form that do not apply to the
// chosen kind, validity or scope are hidden, and the server ignores them.
import { useActionState, useState } from "react";
import type { Dictionary } from "@/i18n";
import { createCouponAction, stopCouponAction } from "@/server/actions/coupons";
import type { FormState } from "@/server/form-action";
import { Field, FormError } from "../ui/field";
import { SubmitButton } from "../ui/submit-button";

type Choice = { id: string; name: string };

function Radios({ name, legend, options, value, onChange }: { name: string; legend: string; options: [string, string][]; value: string; onChange: (value: string) => void }) {
  return (
    <fieldset>
      <legend className="mb-1.5 text-sm font-medium text-slate-800">{legend}</legend>
      <div className="flex flex-wrap gap-4">
        {options.map(([option, label]) => (
          <label key={option} className="inline-flex items-center gap-2 text-sm text-slate-800">
            <input type="radio" name={name} value={option} checked={value === option} onChange={() => onChange(option)} className="size-4 accent-brand-600" />
            {label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function Checkboxes({ name, legend, choices }: { name: string; legend: string; choices: Choice[] }) {
  if (choices.length === 0) return null;
  return (
    <fieldset>
      <legend className="mb-1 text-xs font-medium text-slate-600">{legend}</legend>
      <div className="max-h-40 space-y-1 overflow-y-auto rounded-lg border border-slate-200 p-2">
        {choices.map((choice) => (
          <label key={choice.id} className="flex items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" name={name} value={choice.id} className="size-4 accent-brand-600" />
            {choice.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

type FormProps = { t: Dictionary; store: string; today: string; categories: Choice[]; items: { id: string; title: string }[] };

export function CouponForm(props: FormProps) {
  const [state, action] = useActionState(createCouponAction, {});
  // After a refusal the form keeps what was typed; after a coupon is created it starts afresh for the next one.
  return <CouponFields key={state.result ? `created-${state.result.id}` : "form"} {...props} state={state} action={action} />;
}

function CouponFields({ t, store, today, categories, items, state, action }: FormProps & { state: FormState<{ id: string }>; action: (formData: FormData) => void }) {
  const words = t.coupons;
  const v = state.result ? undefined : state.values;
  const errors = state.fieldErrors ?? {};
  const [kind, setKind] = useState(v?.kind ?? "amount");
  const [validity, setValidity] = useState(v?.validity ?? "days");
  const [scope, setScope] = useState(v?.scope ?? "all");
  return (
    <form action={action} noValidate className="space-y-4">
      <input type="hidden" name="store" value={store} />
      <Field label={words.name} name="name" hint={words.nameHint} maxLength={20} defaultValue={v?.name ?? ""} error={errors.name} />
      <Radios name="kind" legend={words.kind} value={kind} onChange={setKind} options={[["amount", words.kindAmount], ["percent", words.kindPercent]]} />
      <div className="grid gap-3 sm:grid-cols-2">
        {kind === "amount" ? (
          <Field label={words.amount} name="amount" inputMode="decimal" defaultValue={v?.amount ?? ""} error={errors.amount} />
        ) : (
          <Field label={words.percentOff} name="percentOff" type="number" min={1} max={99} hint={words.percentOffHint} defaultValue={v?.percentOff ?? ""} error={errors.percentOff} />
        )}
        <Field label={words.threshold} name="threshold" inputMode="decimal" hint={words.thresholdHint} defaultValue={v?.threshold ?? ""} error={errors.threshold} />
      </div>
      <Radios name="validity" legend={words.validity} value={validity} onChange={setValidity} options={[["days", words.validityDays], ["dates", words.validityDates]]} />
      {validity === "days" ? (
        <Field label={words.days} name="days" type="number" min={1} max={365} defaultValue={v?.days ?? "30"} error={errors.days} />
      ) : (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label={words.from} name="from" type="date" defaultValue={v?.from ?? today} error={errors.from} />
          <Field label={words.until} name="until" type="date" defaultValue={v?.until ?? today} error={errors.until} />
        </div>
      )}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={words.totalQuantity} name="totalQuantity" type="number" min={1} defaultValue={v?.totalQuantity ?? "100"} error={errors.totalQuantity} />
        <Field label={words.perShopperLimit} name="perShopperLimit" type="number" min={1} max={100} defaultValue={v?.perShopperLimit ?? "1"} error={errors.perShopperLimit} />
      </div>
      <Radios name="scope" legend={words.scope} value={scope} onChange={setScope} options={[["all", words.scopeAll], ["chosen", words.scopeChosen]]} />
      {scope === "chosen" && (
        <div className="space-y-2">
          <Checkboxes name="categoryIds" legend={words.categories} choices={categories} />
          <Checkboxes name="itemIds" legend={words.items} choices={items.map((item) => ({ id: item.id, name: item.title }))} />
        </div>
      )}
      {errors.scope && <p role="alert" className="text-xs font-medium text-red-600">{errors.scope}</p>}
      <FormError message={state.formError} />
      {state.result && <p role="status" className="text-sm text-brand-700">{words.created}</p>}
      <SubmitButton pendingLabel={t.common.loading}>{words.create}</SubmitButton>
    </form>
  );
}

export function StopCouponButton({ t, store, couponId }: { t: Dictionary; store: string; couponId: string }) {
  const [state, action] = useActionState(stopCouponAction, {});
  return (
    <form action={action}>
      <input type="hidden" name="store" value={store} />
      <input type="hidden" name="couponId" value={couponId} />
      <SubmitButton variant="secondary" pendingLabel={t.common.loading} className="px-2 py-1 text-xs">{t.coupons.stop}</SubmitButton>
      {state.formError && <p role="alert" className="mt-1 text-xs text-red-600">{state.formError}</p>}
    </form>
  );
}
