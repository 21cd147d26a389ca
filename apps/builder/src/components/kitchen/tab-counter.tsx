"use client";
// A table's counter button in the inbox: a pay-at-end bill marked paid for the amount shown (cash or card at the
// counter), or a pay-first table cleared once its diners have gone. A refusal (the bill grew meanwhile) is said here.
import { useActionState } from "react";
import { clearTableAction, markTabPaidAction } from "@/server/actions/orders";
import { SubmitButton } from "../ui/submit-button";

type Props = { store: string; tab: string; pending: string } & (
  | { kind: "markPaid"; amountFen: number; label: string }
  | { kind: "clear"; label: string }
);

export function TabCounter(props: Props) {
  const [state, action] = useActionState(props.kind === "markPaid" ? markTabPaidAction : clearTableAction, {});
  return (
    <form action={action} className="mt-2">
      <input type="hidden" name="store" value={props.store} />
      <input type="hidden" name="tab" value={props.tab} />
      {props.kind === "markPaid" && <input type="hidden" name="amountFen" value={props.amountFen} />}
      <SubmitButton pendingLabel={props.pending} variant="secondary">{props.label}</SubmitButton>
      {state.formError && <p role="alert" className="mt-1 text-xs text-red-700">{state.formError}</p>}
    </form>
  );
}
