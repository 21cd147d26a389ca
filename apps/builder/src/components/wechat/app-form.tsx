"use client";
import { useActionState } from "react";
import type { Dictionary } from "@/i18n";
import { saveWechatAppAction } from "@/server/actions/wechat";
import { Field, FormError } from "../ui/field";
import { SubmitButton } from "../ui/submit-button";

export function WechatAppForm({ t, store, appid, robot }: { t: Dictionary; store: string; appid: string; robot: number }) {
  const [state, action] = useActionState(saveWechatAppAction, {});
  const v = state.values ?? {};
  const words = t.wechat;
  return (
    <form action={action} noValidate className="grid gap-3 sm:grid-cols-[1fr_10rem]" key={JSON.stringify(state)}>
      <input type="hidden" name="store" value={store} />
      <Field label={words.appid} name="appid" hint={words.appidHint} maxLength={18} spellCheck={false} autoComplete="off" defaultValue={v.appid ?? appid} error={state.fieldErrors?.appid} />
      <Field label={words.robot} name="robot" type="number" min={1} max={30} hint={words.robotHint} defaultValue={v.robot ?? String(robot)} error={state.fieldErrors?.robot} />
      <div className="sm:col-span-2 space-y-2">
        <FormError message={state.formError} />
        {state.result && <p role="status" className="text-sm text-brand-700">{state.result.keyRemoved ? words.keyRemoved : words.saved}</p>}
        <SubmitButton pendingLabel={t.common.loading}>{words.save}</SubmitButton>
      </div>
    </form>
  );
}
