"use client";
// One purpose's subscribe-message template on the 消息通知 page: the template id and, for each value the purpose
// carries, the keyword of the merchant's template it goes to. The fields are the purpose's zod schema
// (purposeFields); the server checks them with templateSchemaFor. Everything blank clears the template.
import { type MessagePurpose, purposeFields, type SubscribeTemplate } from "@kaidian/messages";
import { useActionState } from "react";
import { format, type Dictionary } from "@/i18n";
import { saveMessageTemplateAction } from "@/server/actions/messages";
import { Field, FormError } from "../ui/field";
import { SubmitButton } from "../ui/submit-button";

type Props = { t: Dictionary; store: string; purpose: MessagePurpose; template: SubscribeTemplate | null };

export function MessageTemplateForm({ t, store, purpose, template }: Props) {
  const [state, action] = useActionState(saveMessageTemplateAction, {});
  const words = t.notifications;
  const errors = state.fieldErrors ?? {};
  const value = (name: string, stored: string | undefined) => state.values?.[`${purpose}.${name}`] ?? stored ?? "";
  return (
    <form action={action} noValidate className="space-y-3" data-testid={`message-form-${purpose}`}>
      <input type="hidden" name="store" value={store} />
      <input type="hidden" name="purpose" value={purpose} />
      <Field
        label={words.templateId}
        name={`${purpose}.templateId`}
        spellCheck={false}
        autoComplete="off"
        defaultValue={value("templateId", template?.templateId)}
        error={errors[`${purpose}.templateId`]}
      />
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {purposeFields(purpose).map(({ key, required }) => (
          <Field
            key={key}
            label={required ? format(words.requiredLabel, { label: words.values[key] ?? key }) : (words.values[key] ?? key)}
            name={`${purpose}.${key}`}
            spellCheck={false}
            autoComplete="off"
            placeholder={words.keywordPlaceholder}
            defaultValue={value(key, template?.keywords[key])}
            error={errors[`${purpose}.${key}`]}
          />
        ))}
      </div>
      <FormError message={state.formError} />
      {state.result && <p role="status" className="text-sm text-brand-700">{state.result.cleared ? words.cleared : words.saved}</p>}
      <SubmitButton pendingLabel={t.common.loading}>{words.save}</SubmitButton>
    </form>
  );
}
