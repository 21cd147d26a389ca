"use client";
// A takeaway's "ready" button on the order page: the shopper is told to collect it by subscribe message.
import { useActionState } from "react";
import type { Dictionary } from "@/i18n";
import { markReadyAction } from "@/server/actions/takeaway";
import { FormError } from "../ui/field";
import { SubmitButton } from "../ui/submit-button";

export function MarkReadyForm({ t, store, orderId }: { t: Dictionary; store: string; orderId: string }) {
  const [state, action] = useActionState(markReadyAction, {});
  const words = t.queue.takeaway;
  return (
    <form action={action} className="space-y-3" data-testid="mark-ready-form">
      <input type="hidden" name="store" value={store} />
      <input type="hidden" name="orderId" value={orderId} />
      <p className="text-sm text-slate-600">{words.readyLead}</p>
      <FormError message={state.formError} />
      <SubmitButton pendingLabel={t.common.loading}>{words.markReady}</SubmitButton>
    </form>
  );
}
