import "server-only";
// The third-party platform (第三方平台) as the dashboard uses it, when this deployment runs as one
// (WECHAT_COMPONENT_*): the links where a merchant authorises the store's Mini Program, and the signed return
// address WeChat sends the merchant back to. The return address carries the store and the merchant who asked,
// signed, because the approval often happens on a phone that is not signed in to the dashboard.
import { componentSettings, openPlatform } from "@kaidian/wechat/open-platform";
import { masterKey } from "@kaidian/secrets";
import { database } from "./db";
import { phoneAddress } from "./phone-address";
import { kaidianSecret } from "./secret";
import { signLink, verifyLink, type LinkCheck } from "./signed-links";

type Platform = ReturnType<typeof openPlatform>;
const holder = globalThis as typeof globalThis & { kaidianWechatPlatform?: Platform | null };

/** The platform's parts, or null when this deployment is not a platform. */
export function wechatPlatform(): Platform | null {
  if (holder.kaidianWechatPlatform === undefined) {
    const settings = componentSettings(process.env);
    holder.kaidianWechatPlatform = settings ? openPlatform({ db: database(), masterKey: masterKey().key, settings }) : null;
  }
  return holder.kaidianWechatPlatform;
}

const PURPOSE = "kaidian:wechat-authorization:v1";
/** As long as WeChat's pre_auth_code lasts. */
const RETURN_LIFETIME_MS = 30 * 60_000;

/** Where WeChat sends the merchant back after approving, for this store and merchant. */
export function authorizationReturnUrl(tenantId: string, userId: string, now = new Date()): string {
  const token = signLink(PURPOSE, { tenantId, userId, expiresAt: new Date(now.getTime() + RETURN_LIFETIME_MS) }, kaidianSecret());
  // A phone opens it as well as a computer: the deployment's public address, else this machine's on the network.
  return `${phoneAddress().base}/wechat/authorized/${token}`;
}

export function verifyAuthorizationReturn(token: string): LinkCheck {
  return verifyLink(PURPOSE, token, kaidianSecret());
}
