"use client";
// One front-desk action on one booking (check in, check out, no-show) as a small form over its server action; the
// page re-renders with the guest's new state, and a refusal (before the arrival day, say) shows beside the button.
import { useActionState } from "react";
import { frontDeskAction } from "@/server/actions/bookings";
import { FormError } from "../ui/field";
import { SubmitButton } from "../ui/submit-button";

type Props = { store: string; orderId: string; action: "checkIn" | "checkOut" | "markNoShow"; label: string; pendingLabel: string; danger?: boolean };

export function FrontDeskButton({ store, orderId, action, label, pendingLabel, danger }: Props) {
  const [state, submit] = useActionState(frontDeskAction, {});
  return (
    <form action={submit} className="inline-flex flex-col items-end gap-1">
      <input type="hidden" name="store" value={store} />
      <input type="hidden" name="orderId" value={orderId} />
      <input type="hidden" name="action" value={action} />
      <SubmitButton pendingLabel={pendingLabel} variant={danger ? "danger" : undefined}>{label}</SubmitButton>
      <FormError message={state.formError} />
    </form>
  );
}
