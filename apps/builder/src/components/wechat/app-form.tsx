"use client";
import { useActionState } from "react";
import type { Dictionary } from "@/i18n";
import { saveWechatAppAction } from "@/server/actions/wechat";
import { Field, FormError } from "../ui/field";
import { SubmitButton } from "../ui/submit-button";

/** The appid and robot; a save names the settings' `revision`, so one made over someone else's save is refused. */
export function WechatAppForm({ t, store, appid, robot, revision }: { t: Dictionary; store: string; appid: string; robot: number; revision: number }) {
  const [state, action] = useActionState(saveWechatAppAction, {});
  const v = state.values ?? {};
  const words = t.wechat;
  return (
    <form action={action} noValidate className="grid gap-3 sm:grid-cols-[1fr_10rem]" key={JSON.stringify(state)}>
      <input type="hidden" name="store" value={store} />
      <input type="hidden" name="revision" value={revision} />
      <Field label={words.appid} name="appid" hint={words.appidHint} maxLength={18} spellCheck={false} autoComplete="off" defaultValue={v.appid ?? appid} error={state.fieldErrors?.appid} />
      <Field label={words.robot} name="robot" type="number" min={1} max={30} hint={words.robotHint} defaultValue={v.robot ?? String(robot)} error={state.fieldErrors?.robot} />
      <div className="sm:col-span-2 space-y-2">
        <FormError message={state.formError} reload={state.stale ? t.edits.reload : undefined} />
        {state.result && <p role="status" className="text-sm text-brand-700">{state.result.keyRemoved ? words.keyRemoved : words.saved}</p>}
        <SubmitButton pendingLabel={t.common.loading}>{words.save}</SubmitButton>
      </div>
    </form>
  );
}
