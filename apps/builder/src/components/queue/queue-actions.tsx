"use client";
// Staff's buttons on the queue: call the next number of a group, and call again, seat or skip one number. Each is a
// small form over its server action; a refusal (another device acted first) shows beside the button.
import { useActionState } from "react";
import { callNextAction, ticketAction } from "@/server/actions/queue";
import { buttonClass } from "../ui/button";

type Variant = "primary" | "secondary" | "danger";

function Pending({ label, variant, testId }: { label: string; variant: Variant; testId?: string }) {
  return (
    <button type="submit" data-testid={testId} className={`${buttonClass(variant)} px-3 py-1.5 text-sm`}>
      {label}
    </button>
  );
}

export function CallNextButton({ store, prefix, label }: { store: string; prefix: string; label: string }) {
  const [state, action, pending] = useActionState(callNextAction, {});
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="store" value={store} />
      <input type="hidden" name="prefix" value={prefix} />
      <fieldset disabled={pending}>
        <Pending label={label} variant="primary" testId={`call-next-${prefix}`} />
      </fieldset>
      {state.formError && <span role="alert" className="text-xs text-red-700">{state.formError}</span>}
    </form>
  );
}

export function TicketButton({ store, ticketId, action: kind, label, variant = "secondary" }: { store: string; ticketId: string; action: "call" | "seat" | "skip"; label: string; variant?: Variant }) {
  const [state, action, pending] = useActionState(ticketAction, {});
  return (
    <form action={action} className="inline-flex items-center gap-1">
      <input type="hidden" name="store" value={store} />
      <input type="hidden" name="ticketId" value={ticketId} />
      <input type="hidden" name="action" value={kind} />
      <fieldset disabled={pending}>
        <Pending label={label} variant={variant} />
      </fieldset>
      {state.formError && <span role="alert" className="text-xs text-red-700">{state.formError}</span>}
    </form>
  );
}
