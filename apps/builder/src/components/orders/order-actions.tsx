"use client";
// The merchant's actions on one order, each a small form over its server action. A done action re-renders the page
// (its new status, tracking and history; the form is gone with the action no longer possible); the lifecycle's
// refusal (the order changed meanwhile, say) comes back as the form's message.
import { useActionState } from "react";
import type { Dictionary } from "@/i18n";
import { declineRefundAction, pickUpOrderAction, refundOrderAction, shipOrderAction } from "@/server/actions/orders";
import { Field, FormError, TextAreaField } from "../ui/field";
import { format } from "@/i18n";
import { SubmitButton } from "../ui/submit-button";

type Props = { t: Dictionary; store: string; orderId: string };

function Hidden({ store, orderId }: { store: string; orderId: string }) {
  return (
    <>
      <input type="hidden" name="store" value={store} />
      <input type="hidden" name="orderId" value={orderId} />
    </>
  );
}

export function ShipForm({ t, store, orderId }: Props) {
  const [state, action] = useActionState(shipOrderAction, {});
  const words = t.orders.ship;
  const v = state.values ?? {};
  return (
    <form action={action} noValidate className="space-y-3" data-testid="ship-form">
      <Hidden store={store} orderId={orderId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={words.company} name="company" hint={words.companyHint} autoComplete="off" defaultValue={v.company} error={state.fieldErrors?.company} />
        <Field label={words.number} name="trackingNumber" hint={words.numberHint} autoComplete="off" spellCheck={false} defaultValue={v.trackingNumber} error={state.fieldErrors?.trackingNumber} />
      </div>
      <FormError message={state.formError} />
      <SubmitButton pendingLabel={t.common.loading}>{words.submit}</SubmitButton>
    </form>
  );
}

export function PickUpForm({ t, store, orderId }: Props) {
  const [state, action] = useActionState(pickUpOrderAction, {});
  const words = t.orders.pickUp;
  return (
    <form action={action} className="space-y-3">
      <Hidden store={store} orderId={orderId} />
      <p className="text-sm text-slate-600">{words.lead}</p>
      <FormError message={state.formError} />
      <SubmitButton pendingLabel={t.common.loading}>{words.submit}</SubmitButton>
    </form>
  );
}

export function DeclineRefundForm({ t, store, orderId }: Props) {
  const [state, action] = useActionState(declineRefundAction, {});
  const words = t.orders.decline;
  return (
    <form action={action} noValidate className="space-y-3">
      <Hidden store={store} orderId={orderId} />
      <TextAreaField label={words.reason} name="reason" hint={words.reasonHint} rows={2} defaultValue={state.values?.reason} error={state.fieldErrors?.reason} />
      <FormError message={state.formError} />
      <SubmitButton pendingLabel={t.common.loading} variant="danger">{words.submit}</SubmitButton>
    </form>
  );
}

/** A refund of up to what is left to refund, prefilled with all of it; restocking only makes sense for all of it. */
export function RefundForm({ t, store, orderId, refundable }: Props & { refundable: string }) {
  const [state, action] = useActionState(refundOrderAction, {});
  const words = t.orders.refund;
  const v = state.values ?? {};
  return (
    <form action={action} noValidate className="space-y-3" data-testid="refund-form">
      <Hidden store={store} orderId={orderId} />
      <Field label={words.amount} name="amount" inputMode="decimal" hint={format(words.amountHint, { amount: refundable })} defaultValue={v.amount ?? refundable} error={state.fieldErrors?.amount} />
      <TextAreaField label={words.reason} name="reason" hint={words.reasonHint} rows={2} defaultValue={v.reason} error={state.fieldErrors?.reason} />
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" name="restock" defaultChecked={v.restock === "on"} className="size-4 rounded border-slate-300" />
        {words.restock}
      </label>
      {state.fieldErrors?.restock && <p className="text-sm text-red-700">{state.fieldErrors.restock}</p>}
      <FormError message={state.formError} />
      <SubmitButton pendingLabel={t.common.loading} variant="danger">{words.submit}</SubmitButton>
    </form>
  );
}
