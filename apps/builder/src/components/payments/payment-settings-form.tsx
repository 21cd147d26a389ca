"use client";
// The WeChat Pay settings form. Its fields are those of @kaidian/payments' settings schema; keys are write-only:
// a stored one is shown by fingerprint or serial and kept when its field is left blank, never sent back here.
import type { PaymentSettingsView } from "@kaidian/payments/server";
import { useActionState, useState } from "react";
import { format, type Dictionary } from "@/i18n";
import { savePaymentSettingsAction, testPaymentConnectionAction } from "@/server/actions/payments";
import { Field, FormError, TextAreaField } from "../ui/field";
import { SubmitButton } from "../ui/submit-button";

type Props = { t: Dictionary; store: string; revision: number; account: PaymentSettingsView["account"] | null; partnerAvailable: boolean };

export function PaymentSettingsForm({ t, store, revision, account, partnerAvailable }: Props) {
  const [state, action] = useActionState(savePaymentSettingsAction, {});
  const [testState, testAction] = useActionState(testPaymentConnectionAction, {});
  const [mode, setMode] = useState<"direct" | "partner">((state.values?.mode as "direct" | "partner" | undefined) ?? account?.mode ?? "direct");
  const words = t.paymentSettings;
  const v = state.values ?? {};
  const direct = account?.mode === "direct" ? account : null;
  const check = state.result?.check ?? testState.result?.check;

  return (
    <div className="space-y-4">
      <form action={action} noValidate className="space-y-4" key={JSON.stringify(state.result ?? null)}>
        <input type="hidden" name="store" value={store} />
        <input type="hidden" name="revision" value={revision} />
        <fieldset className="space-y-2">
          <legend className="mb-1 text-sm font-medium text-slate-800">{words.mode}</legend>
          {(["direct", "partner"] as const).map((value) => (
            <label key={value} className="flex items-start gap-2 text-sm">
              <input type="radio" name="mode" value={value} checked={mode === value} disabled={value === "partner" && !partnerAvailable && mode !== "partner"} onChange={() => setMode(value)} />
              <span>{words.modes[value]}</span>
            </label>
          ))}
          {!partnerAvailable && <p className="text-xs text-slate-500">{words.partnerUnavailable}</p>}
        </fieldset>
        {mode === "direct" ? (
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label={words.mchid} name="mchid" inputMode="numeric" maxLength={12} autoComplete="off" defaultValue={v.mchid ?? direct?.mchid ?? ""} error={state.fieldErrors?.mchid} />
            <Field label={words.certificateSerial} name="certificateSerial" hint={words.certificateSerialHint} maxLength={40} spellCheck={false} autoComplete="off" defaultValue={v.certificateSerial ?? direct?.certificateSerial ?? ""} error={state.fieldErrors?.certificateSerial} />
            <div className="sm:col-span-2">
              <TextAreaField
                label={words.privateKey}
                name="privateKey"
                rows={4}
                monospace
                spellCheck={false}
                autoComplete="off"
                placeholder="-----BEGIN PRIVATE KEY-----"
                hint={direct ? `${format(words.storedKey, { fingerprint: direct.privateKeyFingerprint })} ${words.keepHint}` : undefined}
                error={state.fieldErrors?.privateKey}
              />
            </div>
            <Field label={words.apiV3Key} name="apiV3Key" type="password" autoComplete="new-password" hint={direct ? `${words.storedApiV3Key} ${words.keepHint}` : undefined} error={state.fieldErrors?.apiV3Key} />
            <Field
              label={words.wechatpayKeySerial}
              name="wechatpayKeySerial"
              spellCheck={false}
              autoComplete="off"
              hint={direct ? `${format(words.storedSerials, { serials: direct.wechatpayKeySerials.join(", ") })} ${words.keepHint}` : words.wechatpayKeySerialHint}
              error={state.fieldErrors?.wechatpayKeySerial}
            />
            <div className="sm:col-span-2">
              <TextAreaField label={words.wechatpayPublicKey} name="wechatpayPublicKey" rows={4} monospace spellCheck={false} placeholder="-----BEGIN PUBLIC KEY-----" error={state.fieldErrors?.wechatpayPublicKey} />
            </div>
          </div>
        ) : (
          <Field label={words.subMchid} name="subMchid" hint={words.subMchidHint} inputMode="numeric" maxLength={12} autoComplete="off" defaultValue={v.subMchid ?? (account?.mode === "partner" ? account.subMchid : "")} error={state.fieldErrors?.subMchid} />
        )}
        <FormError message={state.formError} reload={state.stale ? t.edits.reload : undefined} />
        <SubmitButton pendingLabel={t.common.loading}>{words.save}</SubmitButton>
      </form>
      {account && (
        <form action={testAction}>
          <input type="hidden" name="store" value={store} />
          <SubmitButton variant="secondary" pendingLabel={t.common.loading}>{words.test}</SubmitButton>
        </form>
      )}
      <FormError message={testState.formError} />
      {check && (
        <p role="status" data-testid="payment-check-result" className={`text-sm ${check.ok ? "text-brand-700" : "text-red-700"}`}>
          {check.ok ? check.message : format(words.checkFailed, { problem: check.message })}
        </p>
      )}
    </div>
  );
}
