import { recordAudit } from "@kaidian/audit";
import { AuthorizationRefused } from "@kaidian/wechat/open-platform";
import { WechatApiError, wechatErrorMessage } from "@kaidian/wechat/server-api";
import type { Metadata } from "next";
import { format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { database } from "@/server/db";
import { clientAddress } from "@/server/session";
import { verifyAuthorizationReturn, wechatPlatform } from "@/server/wechat-platform";

export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };

// Where WeChat sends the merchant back after approving the platform, on a computer or in WeChat on the phone: the
// signed address names the store and the merchant who asked, and WeChat adds a one-use auth_code. The phone is
// usually not signed in to the dashboard, so the address itself is the authority, for 30 minutes.
export default async function AuthorizedPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ auth_code?: string | string[] }> }) {
  const { t, locale } = await currentDictionary();
  const words = t.platformAuth;
  const check = verifyAuthorizationReturn(decodeURIComponent((await params).token));
  const authCode = (await searchParams).auth_code;
  const platform = wechatPlatform();
  let outcome: { ok: boolean; title: string; body: string };
  if (!check.ok || !check.claims.userId) {
    outcome = { ok: false, title: words.failedTitle, body: check.ok ? words.linkInvalid : words[check.reason === "expired" ? "linkExpired" : "linkInvalid"] };
  } else if (!platform || typeof authCode !== "string" || authCode === "") {
    outcome = { ok: false, title: words.failedTitle, body: platform ? words.noCode : words.notPlatform };
  } else {
    const { tenantId, userId } = check.claims;
    try {
      const done = await platform.authorizations.complete(tenantId, authCode, { userId });
      const actor = { id: userId, ip: await clientAddress() };
      await database().scoped({ tenantId, userId }, (tx) => recordAudit(tx, { tenantId, actor, action: "wechat.authorized", details: { appid: done.authorizerAppid } }));
      outcome = { ok: true, title: words.doneTitle, body: format(words.doneBody, { appid: done.authorizerAppid }) };
    } catch (error) {
      if (error instanceof AuthorizationRefused) outcome = { ok: false, title: words.failedTitle, body: format(words[error.reason], { appid: error.authorizerAppid }) };
      else if (error instanceof WechatApiError) outcome = { ok: false, title: words.failedTitle, body: wechatErrorMessage(error.kind, locale) };
      else throw error;
    }
  }
  return (
    <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center p-6 text-center" data-testid={outcome.ok ? "authorization-done" : "authorization-failed"}>
      <h1 className={`text-lg font-semibold ${outcome.ok ? "text-emerald-800" : "text-red-800"}`}>{outcome.title}</h1>
      <p className="mt-2 text-sm text-slate-600">{outcome.body}</p>
      <p className="mt-4 text-xs text-slate-500">{words.backToDashboard}</p>
    </main>
  );
}
