"use server";
// Authorising the store's Mini Program to the platform: the links (a QR code for WeChat on the phone, a page on a
// computer), and the authorisation's state, which the settings page asks for while the merchant approves.
import { WechatApiError, wechatErrorMessage } from "@kaidian/wechat/server-api";
import { can, storeRefSchema } from "@kaidian/tenancy";
import { errorMessage } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { requireStore } from "../session";
import { authorizationReturnUrl, wechatPlatform } from "../wechat-platform";

export type AuthorizationLinksResult = { ok: true; computer: string; phone: string; expiresAt: string } | { ok: false; message: string };
export type AuthorizationState = { authorizerAppid: string; authorizedAt: string; revokedAt: string | null } | null;

async function settingsAccess(store: string) {
  const parsed = storeRefSchema.safeParse(store);
  if (!parsed.success) return null;
  const access = await requireStore(parsed.data);
  return can(access.roles, "settings") ? access : null;
}

export async function createAuthorizationLinksAction(store: string): Promise<AuthorizationLinksResult> {
  const { t, locale } = await currentDictionary();
  const access = await settingsAccess(store);
  if (!access) return { ok: false, message: errorMessage(t, "permission.denied") };
  const platform = wechatPlatform();
  if (!platform) return { ok: false, message: t.platformAuth.notPlatform };
  try {
    const links = await platform.authorizations.links(authorizationReturnUrl(access.store.id, access.userId), { tenantId: access.store.id, userId: access.userId });
    return { ok: true, computer: links.computer, phone: links.phone, expiresAt: links.expiresAt.toISOString() };
  } catch (error) {
    if (error instanceof WechatApiError) return { ok: false, message: wechatErrorMessage(error.kind, locale) };
    throw error;
  }
}

export async function authorizationStateAction(store: string): Promise<AuthorizationState> {
  const access = await settingsAccess(store);
  const platform = wechatPlatform();
  if (!access || !platform) return null;
  const state = await platform.authorizations.status(access.store.id);
  return state && { authorizerAppid: state.authorizerAppid, authorizedAt: state.authorizedAt.toISOString(), revokedAt: state.revokedAt?.toISOString() ?? null };
}
