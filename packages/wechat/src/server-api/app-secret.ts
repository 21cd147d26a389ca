// The Mini Program's AppSecret (code2Session, access tokens): entered under 微信设置 (publishing's saveAppSecret,
// revision-checked with the other WeChat settings), sealed with the master key and bound to the store and to this
// use, and never read back out except to call WeChat with it. Sealing and opening live here, once, so every
// reader (shop-api's login, the workers' shipping uploads) opens what the dashboard sealed.
import type { Transaction } from "@kaidian/db";
import { open, seal } from "@kaidian/secrets";
import { z } from "zod";
import type { MiniProgramApp } from "./login";

/** WeChat's AppSecret is 32 hexadecimal characters (微信公众平台 → 开发管理 → 开发设置 → AppSecret). */
export const appSecretSchema = z.string().trim().regex(/^[0-9a-fA-F]{32}$/, { error: "wechat.appSecret.invalid" });

// Its own associated data: a box copied from the upload key's column into this one does not open.
const sealedFor = (tenantId: string) => `wechat-app-secret:${tenantId}`;

/** The box stored in wechat_credentials.app_secret_ciphertext. */
export function sealAppSecret(appSecret: string, masterKey: Buffer, tenantId: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(seal(Buffer.from(appSecret.trim().toLowerCase(), "utf8"), masterKey, sealedFor(tenantId)));
}

/** The store's appid with its opened AppSecret, for one call to WeChat; null until both are saved. */
export async function openAppSecret(tx: Transaction, tenantId: string, masterKey: Buffer): Promise<MiniProgramApp | null> {
  const row = await tx.wechatCredential.findFirst({ where: { tenantId }, select: { appid: true, appSecretCiphertext: true } });
  if (!row?.appSecretCiphertext) return null;
  return { tenantId, appid: row.appid, appSecret: open(row.appSecretCiphertext, masterKey, sealedFor(tenantId)).toString("utf8") };
}
