"use client";
// The owner's queue settings: online numbers on or off, the party-size groups (queueSettingsSchema on the server is
// their one rule; up to six rows, blank rows left out). The templates of the "number called" message are on the
// 消息通知 page with every other message's, linked from here.
import { MAX_GROUPS, type QueueSettings } from "@kaidian/queue";
import Link from "next/link";
import { useActionState } from "react";
import type { Dictionary } from "@/i18n";
import { saveQueueSettingsAction } from "@/server/actions/queue";
import { Field, FormError } from "../ui/field";
import { SubmitButton } from "../ui/submit-button";

type Props = {
  t: Dictionary;
  store: string;
  settings: QueueSettings & { revision: number };
};

export function QueueSettingsForm({ t, store, settings }: Props) {
  const [state, action] = useActionState(saveQueueSettingsAction, {});
  const words = t.queue.settings;
  const v = state.values;
  const errors = state.fieldErrors ?? {};
  const value = (name: string, stored: string) => v?.[name] ?? stored;
  return (
    <form action={action} noValidate className="space-y-6" key={state.result ? `saved-${state.result.revision}` : "form"}>
      <input type="hidden" name="store" value={store} />
      <input type="hidden" name="revision" value={settings.revision} />
      <label className="inline-flex items-center gap-2 text-sm font-medium text-slate-800">
        <input type="checkbox" name="enabled" defaultChecked={v ? v.enabled === "on" : settings.enabled} className="size-4 accent-brand-600" />
        {words.enabled}
      </label>
      <fieldset className="space-y-2">
        <legend className="text-sm font-semibold text-slate-900">{words.groups}</legend>
        <p className="text-xs text-slate-500">{words.groupsHint}</p>
        {Array.from({ length: MAX_GROUPS }, (_, i) => {
          const group = settings.groups[i];
          return (
            <div key={i} className="grid grid-cols-4 gap-2" data-testid={`queue-group-${i}`}>
              <Field label={words.prefix} name={`prefix${i}`} maxLength={1} defaultValue={value(`prefix${i}`, group?.prefix ?? "")} error={errors[`prefix${i}`]} />
              <Field label={words.label} name={`label${i}`} defaultValue={value(`label${i}`, group?.label ?? "")} error={errors[`label${i}`]} />
              <Field label={words.min} name={`min${i}`} inputMode="numeric" defaultValue={value(`min${i}`, group ? String(group.minSize) : "")} error={errors[`min${i}`]} />
              <Field label={words.max} name={`max${i}`} inputMode="numeric" defaultValue={value(`max${i}`, group?.maxSize == null ? "" : String(group.maxSize))} error={errors[`max${i}`]} />
            </div>
          );
        })}
        {errors.groups && <p role="alert" className="text-xs font-medium text-red-600">{errors.groups}</p>}
      </fieldset>
      <p className="text-sm text-slate-600" data-testid="queue-templates-link">
        {t.notifications.queueTemplates}{" "}
        <Link href={`/stores/${store}/settings/messages`} className="text-brand-700 underline-offset-2 hover:underline">{t.notifications.link}</Link>
      </p>
      <FormError message={state.formError} reload={state.stale ? t.edits.reload : undefined} />
      {state.result && <p role="status" className="text-sm text-brand-700">{words.saved}</p>}
      <SubmitButton pendingLabel={t.common.loading}>{words.save}</SubmitButton>
    </form>
  );
}
