// Shoppers of a store: logged in with wx.login's code (code2Session with the store's own AppSecret), known by the
// openid WeChat gives for the store's Mini Program, and their phone number from the getPhoneNumber button. The
// session_key WeChat returns is not kept and never leaves this module: nothing here decrypts the shopper's data.
import type { Database } from "@kaidian/db";
import { type MiniProgramServerApi, openAppSecret, WechatApiError } from "@kaidian/wechat/server-api";

export type ShopperProfile = { id: string; phone: string | null };

/** What a shopper's phone is shown as, to the shopper and in answers: "138****0000". */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, "");
  return digits.length <= 7 ? "****" : `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/**
 * Why WeChat refused: the shopper's code (used, stale, or WeChat's risk control: log in again), the store's own
 * settings (a wrong appid or AppSecret: the merchant must fix them), or WeChat being unreachable.
 */
export type WechatRefusal = "login.code" | "login.tooFrequent" | "login.notSetUp" | "wechat.unavailable";

function refusalOf(error: unknown): WechatRefusal {
  if (!(error instanceof WechatApiError)) throw error;
  switch (error.kind) {
    case "code.invalid":
    case "code.used":
    case "login.riskyUser":
      return "login.code";
    case "login.tooFrequent":
      return "login.tooFrequent";
    case "app.invalidAppid":
    case "app.invalidSecret":
    case "app.ipNotWhitelisted":
      return "login.notSetUp";
    default:
      return "wechat.unavailable";
  }
}

export type LoginOutcome = { ok: true; shopper: ShopperProfile } | { ok: false; code: WechatRefusal; detail?: string };

type Wechat = Pick<MiniProgramServerApi, "code2Session" | "getPhoneNumber">;

/** The store's shopper for a wx.login code: created on first login, its unionid kept when WeChat gives one. */
export async function loginShopper(db: Database, wechat: Wechat, masterKey: Buffer, tenantId: string, code: string): Promise<LoginOutcome> {
  const app = await db.scoped({ tenantId }, (tx) => openAppSecret(tx, tenantId, masterKey));
  if (!app) return { ok: false, code: "login.notSetUp" };
  let session;
  try {
    session = await wechat.code2Session(app, code);
  } catch (error) {
    return { ok: false, code: refusalOf(error), detail: (error as WechatApiError).detail };
  }
  const { openid, unionid = null } = session;
  const rows = await db.scoped({ tenantId }, (tx) => tx.$queryRaw<{ id: string; phone: string | null }[]>`
    INSERT INTO shoppers AS s (tenant_id, openid, unionid)
    VALUES (${tenantId}::uuid, ${openid}, ${unionid})
    ON CONFLICT (tenant_id, openid) DO UPDATE SET last_login_at = now(), unionid = COALESCE(EXCLUDED.unionid, s.unionid)
    RETURNING id, phone`);
  const shopper = rows[0]!;
  return { ok: true, shopper: { id: shopper.id, phone: maskPhone(shopper.phone) } };
}

export type PhoneOutcome = { ok: true; phone: string } | { ok: false; code: WechatRefusal | "phone.code"; detail?: string };

/**
 * The shopper's phone number from the getPhoneNumber button's code, stored so WeChat (which charges per number) is
 * asked once; answered masked.
 */
export async function saveShopperPhone(db: Database, wechat: Wechat, masterKey: Buffer, tenantId: string, shopperId: string, code: string): Promise<PhoneOutcome> {
  const app = await db.scoped({ tenantId }, (tx) => openAppSecret(tx, tenantId, masterKey));
  if (!app) return { ok: false, code: "login.notSetUp" };
  let phone;
  try {
    phone = await wechat.getPhoneNumber(app, code);
  } catch (error) {
    const refusal = refusalOf(error);
    return { ok: false, code: refusal === "login.code" ? "phone.code" : refusal, detail: (error as WechatApiError).detail };
  }
  await db.scoped({ tenantId }, (tx) => tx.shopper.updateMany({ where: { tenantId, id: shopperId }, data: { phone: phone.phoneNumber } }));
  return { ok: true, phone: maskPhone(phone.phoneNumber)! };
}
