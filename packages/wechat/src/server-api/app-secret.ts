// The Mini Program's AppSecret (code2Session, access tokens): entered under 微信设置, sealed with the master key and
// bound to the store, like the upload key, and never read back out except to call WeChat with it.
import type { Transaction } from "@kaidian/db";
import { open, seal } from "@kaidian/secrets";
import { z } from "zod";
import type { MiniProgramApp } from "./login";

/** WeChat's AppSecret is 32 hexadecimal characters. Messages are i18n keys for the dashboard. */
export const appSecretSchema = z.string().trim().regex(/^[0-9a-fA-F]{32}$/, { error: "wechat.appSecret.invalid" });

// Its own associated data: a box copied from the upload key's column into this one does not open.
const sealedFor = (tenantId: string) => `wechat-app-secret:${tenantId}`;

export type AppSecretSaved = { ok: true; updatedAt: Date } | { ok: false; code: "wechat.appSecret.invalid" | "wechat.appid.first" };

/**
 * Stores (or replaces) the store's AppSecret; the appid must be saved first, as the secret belongs to it. A save
 * bumps the settings' revision, like a new upload key, so a form opened before it cannot change the appid unseen.
 */
export async function saveAppSecret(tx: Transaction, tenantId: string, userId: string, secretText: string, masterKey: Buffer): Promise<AppSecretSaved> {
  const parsed = appSecretSchema.safeParse(secretText);
  if (!parsed.success) return { ok: false, code: "wechat.appSecret.invalid" };
  const updatedAt = new Date();
  const updated = await tx.wechatCredential.updateMany({
    where: { tenantId },
    data: {
      appSecretCiphertext: new Uint8Array(seal(Buffer.from(parsed.data.toLowerCase(), "utf8"), masterKey, sealedFor(tenantId))),
      appSecretUpdatedAt: updatedAt,
      updatedById: userId,
      revision: { increment: 1 },
    },
  });
  return updated.count === 0 ? { ok: false, code: "wechat.appid.first" } : { ok: true, updatedAt };
}

/** The store's appid with its opened AppSecret, for one call to WeChat; null until both are saved. */
export async function openAppSecret(tx: Transaction, tenantId: string, masterKey: Buffer): Promise<MiniProgramApp | null> {
  const row = await tx.wechatCredential.findFirst({ where: { tenantId }, select: { appid: true, appSecretCiphertext: true } });
  if (!row?.appSecretCiphertext) return null;
  return { tenantId, appid: row.appid, appSecret: open(row.appSecretCiphertext, masterKey, sealedFor(tenantId)).toString("utf8") };
}
