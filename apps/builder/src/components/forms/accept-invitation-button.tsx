"use client";
import { useActionState } from "react";
import { acceptInvitationAction } from "@/server/actions/invitations";
import type { Dictionary } from "@/i18n";
import { FormError } from "../ui/field";
import { SubmitButton } from "../ui/submit-button";

export function AcceptInvitationButton({ t, tenantId, secret }: { t: Dictionary; tenantId: string; secret: string }) {
  const [state, action] = useActionState(acceptInvitationAction, {});
  return (
    <form action={action} className="space-y-3">
      <FormError message={state.formError} />
      <input type="hidden" name="tenantId" value={tenantId} />
      <input type="hidden" name="secret" value={secret} />
      <SubmitButton pendingLabel={t.common.loading} className="w-full">{t.invite.accept}</SubmitButton>
    </form>
  );
}
