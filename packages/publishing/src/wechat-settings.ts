// A store's WeChat Mini Program settings: appid, robot and the code-upload key. The key is checked, then sealed
// with the master key and bound to the store (secrets: AES-256-GCM); only its fingerprint is ever read back out
// of this module, except by the worker that signs uploads with it.
import { DomainError } from "@kaidian/accounts";
import { type SaveFrom, staleRevision, type Transaction } from "@kaidian/db";
import { open, seal } from "@kaidian/secrets";
import { appidSchema, checkUploadKey, robotSchema, UploadKeyError } from "@kaidian/wechat";
import { appSecretSchema, sealAppSecret } from "@kaidian/wechat/server-api";
import { z } from "zod";

export const wechatSettingsInputSchema = z.object({
  appid: appidSchema,
  robot: robotSchema,
});
export type WechatSettingsInput = z.infer<typeof wechatSettingsInputSchema>;

/** What the dashboard may show: never the key. */
export type WechatSettings = {
  appid: string;
  robot: number;
  key: { fingerprint: string; updatedAt: Date } | null;
  /** That an AppSecret is stored, and since when; never the secret. */
  appSecret: { updatedAt: Date } | null;
  /** The address WeChat last refused an upload from, to add to the whitelist. */
  refusedIp: string | null;
  /** What the next save of the settings names; 0 before the first. */
  revision: number;
};

export async function readWechatSettings(tx: Transaction): Promise<WechatSettings | null> {
  const row = await tx.wechatCredential.findFirst({
    select: { appid: true, robot: true, keyFingerprint: true, keyUpdatedAt: true, appSecretUpdatedAt: true, refusedIp: true, revision: true },
  });
  if (!row) return null;
  return {
    appid: row.appid,
    robot: row.robot,
    key: row.keyFingerprint && row.keyUpdatedAt ? { fingerprint: row.keyFingerprint, updatedAt: row.keyUpdatedAt } : null,
    appSecret: row.appSecretUpdatedAt ? { updatedAt: row.appSecretUpdatedAt } : null,
    refusedIp: row.refusedIp,
    revision: row.revision,
  };
}

async function staleSettings(tx: Transaction, tenantId: string) {
  return staleRevision(tx, "wechatSettings", await tx.wechatCredential.findFirst({ where: { tenantId }, select: { revision: true, updatedAt: true, updatedById: true } }));
}

/**
 * Saves the appid and robot over the revision the form was opened at (0: none saved yet), in one conditional
 * statement; a StaleRevisionError when someone saved in between. WeChat issues a key for one appid, so a changed
 * appid drops the stored key (and the refused address): `keyRemoved` says so.
 */
export async function saveWechatSettings(
  tx: Transaction,
  tenantId: string,
  from: SaveFrom,
  input: WechatSettingsInput,
): Promise<{ keyRemoved: boolean }> {
  if (from.revision === 0) {
    // First save: of two racing ones, the second finds the row and is refused.
    const created = await tx.wechatCredential.createMany({
      data: { tenantId, appid: input.appid, robot: input.robot, updatedById: from.userId, revision: 1 },
      skipDuplicates: true,
    });
    if (created.count === 0) throw await staleSettings(tx, tenantId);
    return { keyRemoved: false };
  }
  // What the form was opened at, if still current; the write below re-checks the revision under the row lock.
  const current = await tx.wechatCredential.findFirst({ where: { tenantId, revision: from.revision }, select: { appid: true, keyFingerprint: true } });
  if (!current) throw await staleSettings(tx, tenantId);
  const appidChanged = current.appid !== input.appid;
  // The AppSecret too belongs to one appid.
  const forget = appidChanged
    ? { privateKeyCiphertext: null, keyFingerprint: null, keyUpdatedAt: null, refusedIp: null, appSecretCiphertext: null, appSecretUpdatedAt: null }
    : {};
  const saved = await tx.wechatCredential.updateMany({
    where: { tenantId, revision: from.revision },
    data: { appid: input.appid, robot: input.robot, updatedById: from.userId, revision: { increment: 1 }, ...forget },
  });
  if (saved.count === 0) throw await staleSettings(tx, tenantId);
  return { keyRemoved: appidChanged && current.keyFingerprint !== null };
}

/**
 * Stores (or replaces) the store's code-upload key; the appid must be saved first, as WeChat issues the key for
 * one appid. Returns the new key's fingerprint.
 */
export async function saveUploadKey(tx: Transaction, tenantId: string, userId: string, keyText: string, masterKey: Buffer): Promise<string> {
  let checked;
  try {
    checked = checkUploadKey(keyText);
  } catch (error) {
    if (error instanceof UploadKeyError) throw new DomainError(error.code, "key");
    throw error;
  }
  const updated = await tx.wechatCredential.updateMany({
    where: { tenantId },
    data: {
      privateKeyCiphertext: new Uint8Array(seal(Buffer.from(checked.pem, "utf8"), masterKey, tenantId)),
      keyFingerprint: checked.fingerprint,
      keyUpdatedAt: new Date(),
      updatedById: userId,
      // A new key is a save too: a settings form opened before it must not drop it unseen by changing the appid.
      revision: { increment: 1 },
    },
  });
  if (updated.count === 0) throw new DomainError("wechat.appid.first", "key");
  return checked.fingerprint;
}

/**
 * Stores (or replaces) the Mini Program's AppSecret, sealed, over the settings revision the form opened: the appid
 * must be saved first (the secret belongs to it), and a save over someone else's is a StaleRevisionError. Only the
 * time it was stored is ever read back to the dashboard.
 */
export async function saveAppSecret(tx: Transaction, tenantId: string, from: SaveFrom, appSecret: string, masterKey: Buffer): Promise<{ updatedAt: Date }> {
  const parsed = appSecretSchema.safeParse(appSecret);
  if (!parsed.success) throw new DomainError("wechat.appSecret.invalid", "appSecret");
  if (from.revision === 0) throw new DomainError("wechat.appid.first", "appSecret");
  const updatedAt = new Date();
  const saved = await tx.wechatCredential.updateMany({
    where: { tenantId, revision: from.revision },
    data: {
      appSecretCiphertext: sealAppSecret(parsed.data, masterKey, tenantId),
      appSecretUpdatedAt: updatedAt,
      updatedById: from.userId,
      revision: { increment: 1 },
    },
  });
  if (saved.count === 0) throw await staleSettings(tx, tenantId);
  return { updatedAt };
}

/** The store's appid, robot and unsealed key, for the worker's upload; null when either is missing. */
export async function uploadCredentials(tx: Transaction, tenantId: string, masterKey: Buffer): Promise<{ appid: string; robot: number; privateKey: string } | null> {
  const row = await tx.wechatCredential.findFirst({ select: { appid: true, robot: true, privateKeyCiphertext: true } });
  if (!row?.privateKeyCiphertext) return null;
  return { appid: row.appid, robot: row.robot, privateKey: open(row.privateKeyCiphertext, masterKey, tenantId).toString("utf8") };
}

/** Remembers the address WeChat refused, so the settings page can say exactly what to whitelist. */
export async function recordRefusedIp(tx: Transaction, ip: string): Promise<void> {
  await tx.wechatCredential.updateMany({ data: { refusedIp: ip } });
}
