"use client";
// The owner's queue settings: online numbers on or off, the party-size groups (queueSettingsSchema on the server is
// their one rule; up to six rows, blank rows left out), and the subscribe-message templates for "number called"
// and "order ready" (subscribeTemplateSchema).
import { MAX_GROUPS, type QueueSettings } from "@kaidian/queue";
import { MESSAGE_PURPOSES, type SubscribeTemplate } from "@kaidian/messages";
import { useActionState } from "react";
import type { Dictionary } from "@/i18n";
import { saveQueueSettingsAction } from "@/server/actions/queue";
import { Field, FormError } from "../ui/field";
import { SubmitButton } from "../ui/submit-button";

type Props = {
  t: Dictionary;
  store: string;
  settings: QueueSettings & { revision: number };
  templates: Record<(typeof MESSAGE_PURPOSES)[number], SubscribeTemplate | null>;
};

export function QueueSettingsForm({ t, store, settings, templates }: Props) {
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
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-900">{words.messages}</legend>
        <p className="text-xs text-slate-500">{words.messagesLead}</p>
        {MESSAGE_PURPOSES.map((purpose) => {
          const stored = templates[purpose];
          return (
            <div key={purpose} className="space-y-2 rounded-lg border border-slate-200 p-3">
              <p className="text-sm font-medium text-slate-800">{words[purpose]}</p>
              <Field label={words.templateId} name={`${purpose}TemplateId`} spellCheck={false} autoComplete="off" defaultValue={value(`${purpose}TemplateId`, stored?.templateId ?? "")} error={errors[`${purpose}TemplateId`]} />
              <div className="grid gap-2 sm:grid-cols-3">
                <Field label={words.numberKeyword} name={`${purpose}Number`} spellCheck={false} defaultValue={value(`${purpose}Number`, stored?.keywords.number ?? "")} error={errors[`${purpose}Number`]} />
                <Field label={words.storeKeyword} name={`${purpose}Store`} spellCheck={false} defaultValue={value(`${purpose}Store`, stored?.keywords.store ?? "")} error={errors[`${purpose}Store`]} />
                <Field label={words.noteKeyword} name={`${purpose}Note`} spellCheck={false} defaultValue={value(`${purpose}Note`, stored?.keywords.note ?? "")} error={errors[`${purpose}Note`]} />
              </div>
            </div>
          );
        })}
      </fieldset>
      <FormError message={state.formError} reload={state.stale ? t.edits.reload : undefined} />
      {state.result && <p role="status" className="text-sm text-brand-700">{words.saved}</p>}
      <SubmitButton pendingLabel={t.common.loading}>{words.save}</SubmitButton>
    </form>
  );
}
