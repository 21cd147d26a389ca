"use client";
import { useActionState } from "react";
import { revokeInvitationAction } from "@/server/actions/members";
import { SubmitButton } from "../ui/submit-button";

export function RevokeInvitationButton({ store, invitationId, label, pendingLabel }: { store: string; invitationId: string; label: string; pendingLabel: string }) {
  const [state, action] = useActionState(revokeInvitationAction, {});
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="store" value={store} />
      <input type="hidden" name="invitationId" value={invitationId} />
      {state.formError && <span role="alert" className="text-xs text-red-600">{state.formError}</span>}
      <SubmitButton variant="danger" pendingLabel={pendingLabel}>{label}</SubmitButton>
    </form>
  );
}
