"use client";
// The privacy guide the package needs, ready to paste into WeChat's admin (and as the third-party platform API's
// setting_list), with the merchant's confirmation that WeChat's guide says the same.
import { useActionState, useState } from "react";
import { format, type Dictionary, type Locale } from "@/i18n";
import { confirmPrivacyAction } from "@/server/actions/wechat";
import { Button } from "../ui/button";
import { FormError } from "../ui/field";
import { SubmitButton } from "../ui/submit-button";

type Use = { key: string; purpose: Record<Locale, string>; feature: Record<Locale, string> };

export function PrivacyGuide({
  t,
  locale,
  store,
  uses,
  signature,
  confirmedAt,
  changed,
  dataNames,
}: {
  t: Dictionary;
  locale: Locale;
  store: string;
  uses: Use[];
  signature: string;
  confirmedAt: string | null;
  changed: boolean;
  dataNames: Record<string, Record<Locale, string>>;
}) {
  const [state, action] = useActionState(confirmPrivacyAction, {});
  const words = t.wechat;
  if (uses.length === 0) return <p className="text-sm text-slate-600">{words.privacyNone}</p>;
  // The guide is filled in Chinese in WeChat's admin, whatever language the dashboard shows.
  const text = uses.map((use, index) => `${index + 1}. ${dataNames[use.key]!["zh-CN"]}：为了${use.purpose["zh-CN"]}`).join("\n");
  const json = JSON.stringify({ setting_list: uses.map((use) => ({ privacy_key: use.key, privacy_text: use.purpose["zh-CN"] })) }, null, 2);
  return (
    <div className="space-y-4">
      <ul className="space-y-1 text-sm" data-testid="privacy-uses">
        {uses.map((use) => (
          <li key={`${use.key}-${use.feature["zh-CN"]}`}>
            {format(words.privacyItem, { data: dataNames[use.key]![locale], purpose: use.purpose[locale], feature: use.feature[locale] })}
          </li>
        ))}
      </ul>
      <CopyBlock label={words.privacyText} text={text} t={t} />
      <CopyBlock label={words.privacyJson} text={json} t={t} />
      {changed && <p role="alert" className="text-sm text-amber-700">{words.privacyChanged}</p>}
      {confirmedAt && !changed ? (
        <p role="status" className="text-sm text-brand-700">{format(words.privacyConfirmed, { date: new Date(confirmedAt).toLocaleString(locale) })}</p>
      ) : (
        <form action={action} className="space-y-2">
          <input type="hidden" name="store" value={store} />
          <input type="hidden" name="signature" value={signature} />
          <FormError message={state.formError} />
          <SubmitButton pendingLabel={t.common.loading}>{words.privacyConfirm}</SubmitButton>
        </form>
      )}
    </div>
  );
}

function CopyBlock({ label, text, t }: { label: string; text: string; t: Dictionary }) {
  const [copied, setCopied] = useState(false);
  return (
    <div>
      <div className="mb-1 flex items-center justify-between gap-2">
        <span className="text-sm font-medium text-slate-800">{label}</span>
        <Button type="button" variant="secondary" className="px-3 py-1 text-xs" onClick={async () => { await navigator.clipboard?.writeText(text); setCopied(true); }}>
          {copied ? t.wechat.copied : t.wechat.copy}
        </Button>
      </div>
      <pre className="overflow-auto whitespace-pre-wrap rounded-lg bg-slate-50 p-3 text-xs text-slate-800">{text}</pre>
    </div>
  );
}
