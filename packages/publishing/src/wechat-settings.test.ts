import { randomBytes } from "node:crypto";
import type { Database, Transaction } from "@kaidian/db";
import { superuser, testDatabase } from "@kaidian/db/testing";
import { arrangeStore } from "@kaidian/storefront/testing";
import { testUploadKey } from "@kaidian/wechat/testing";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testAppid } from "./testing";
import { openAppSecret } from "@kaidian/wechat/server-api";
import { readWechatSettings, saveAppSecret, saveUploadKey, saveWechatSettings, uploadCredentials } from "./wechat-settings";

let db: Database;
let admin: pg.Client;
let userId: string;
const masterKey = randomBytes(32);

beforeAll(async () => {
  db = testDatabase();
  admin = await superuser();
  userId = (await db.scoped({}, (tx) => tx.user.create({ data: { email: `w-${Date.now()}@example.test`, name: "W", passwordHash: "x" }, select: { id: true } }))).id;
});
afterAll(async () => {
  await admin.end();
  await db.disconnect();
});

const inStore = <T>(tenantId: string, work: (tx: Transaction) => Promise<T>) => db.scoped({ tenantId }, work);
/** A save from the settings as they stand, as the form that just read them would send it. */
const saveSettings = (tenantId: string, input: { appid: string; robot: number }) =>
  inStore(tenantId, async (tx) => saveWechatSettings(tx, tenantId, { userId, revision: (await readWechatSettings(tx))?.revision ?? 0 }, input));

describe("a store's WeChat settings", () => {
  it("keep the upload key sealed at rest, show only its fingerprint, and hand the worker the key itself", async () => {
    const tenantId = await arrangeStore(db, { name: "密钥店", templateId: "ecommerce" });
    const key = testUploadKey();
    const appid = testAppid();
    await saveSettings(tenantId, { appid, robot: 7 });
    const fingerprint = await inStore(tenantId, (tx) => saveUploadKey(tx, tenantId, userId, key.privateKey, masterKey));

    const { rows } = await admin.query<{ private_key_ciphertext: Buffer }>(`SELECT private_key_ciphertext FROM wechat_credentials WHERE tenant_id = $1`, [tenantId]);
    const stored = rows[0]!.private_key_ciphertext;
    expect(stored.includes(Buffer.from("PRIVATE KEY"))).toBe(false);
    expect(stored.includes(Buffer.from(key.privateKey.split("\n")[1]!))).toBe(false);

    const settings = await inStore(tenantId, (tx) => readWechatSettings(tx));
    expect(settings).toEqual({ appid, robot: 7, key: { fingerprint, updatedAt: expect.any(Date) }, appSecret: null, refusedIp: null, revision: 2 });
    expect(JSON.stringify(settings)).not.toContain("PRIVATE");
    expect(await inStore(tenantId, (tx) => uploadCredentials(tx, tenantId, masterKey))).toEqual({ appid, robot: 7, privateKey: key.privateKey });
  });

  it("refuses a key that is not a private key, saying so at the key field, and keeps the stored one", async () => {
    const tenantId = await arrangeStore(db, { name: "换钥店", templateId: "hotel" });
    const key = testUploadKey();
    await saveSettings(tenantId, { appid: testAppid(), robot: 1 });
    const fingerprint = await inStore(tenantId, (tx) => saveUploadKey(tx, tenantId, userId, key.privateKey, masterKey));
    await expect(inStore(tenantId, (tx) => saveUploadKey(tx, tenantId, userId, key.publicKey, masterKey))).rejects.toMatchObject({ code: "wechat.key.publicKey", field: "key" });
    expect((await inStore(tenantId, (tx) => readWechatSettings(tx)))!.key!.fingerprint).toBe(fingerprint);
  });

  it("replaces the key, and forgets it when the appid changes (WeChat issues a key per appid)", async () => {
    const tenantId = await arrangeStore(db, { name: "改号店", templateId: "restaurant" });
    const appid = testAppid();
    await saveSettings(tenantId, { appid, robot: 1 });
    const first = await inStore(tenantId, (tx) => saveUploadKey(tx, tenantId, userId, testUploadKey().privateKey, masterKey));
    const second = await inStore(tenantId, (tx) => saveUploadKey(tx, tenantId, userId, testUploadKey().privateKey, masterKey));
    expect(second).not.toBe(first);
    expect(await saveSettings(tenantId, { appid, robot: 2 })).toEqual({ keyRemoved: false });
    expect(await saveSettings(tenantId, { appid: testAppid(), robot: 2 })).toEqual({ keyRemoved: true });
    expect((await inStore(tenantId, (tx) => readWechatSettings(tx)))!.key).toBeNull();
  });

  it("needs the appid before a key, and a sealed key copied to another store does not open there", async () => {
    const mine = await arrangeStore(db, { name: "我的", templateId: "ecommerce" });
    const theirs = await arrangeStore(db, { name: "他的", templateId: "ecommerce" });
    await expect(inStore(theirs, (tx) => saveUploadKey(tx, theirs, userId, testUploadKey().privateKey, masterKey))).rejects.toMatchObject({ code: "wechat.appid.first" });
    await saveSettings(mine, { appid: testAppid(), robot: 1 });
    await inStore(mine, (tx) => saveUploadKey(tx, mine, userId, testUploadKey().privateKey, masterKey));
    await saveSettings(theirs, { appid: testAppid(), robot: 1 });
    await admin.query(
      `UPDATE wechat_credentials SET private_key_ciphertext = (SELECT private_key_ciphertext FROM wechat_credentials WHERE tenant_id = $1) WHERE tenant_id = $2`,
      [mine, theirs],
    );
    await expect(inStore(theirs, (tx) => uploadCredentials(tx, theirs, masterKey))).rejects.toThrow(/integrity/);
    // And inside my store's scope, the other store's settings are not there to read.
    expect(await db.scoped({ tenantId: mine }, (tx) => tx.wechatCredential.count({ where: { tenantId: theirs } }))).toBe(0);
  });

  it("seal the AppSecret, show only when it was stored, refuse a stale save, and forget it with a new appid", async () => {
    const tenantId = await arrangeStore(db, { name: "登录店", templateId: "ecommerce" });
    const secret = randomBytes(16).toString("hex");
    await expect(inStore(tenantId, (tx) => saveAppSecret(tx, tenantId, { userId, revision: 0 }, secret, masterKey))).rejects.toMatchObject({ code: "wechat.appid.first", field: "appSecret" });
    const appid = testAppid();
    await saveSettings(tenantId, { appid, robot: 1 });
    const opened = (await inStore(tenantId, (tx) => readWechatSettings(tx)))!.revision;
    for (const bad of ["", "0123", `${secret}0`, "g".repeat(32), `${secret.slice(0, 31)}\n`]) {
      await expect(inStore(tenantId, (tx) => saveAppSecret(tx, tenantId, { userId, revision: opened }, bad, masterKey)), bad).rejects.toMatchObject({ code: "wechat.appSecret.invalid", field: "appSecret" });
    }
    const saved = await inStore(tenantId, (tx) => saveAppSecret(tx, tenantId, { userId, revision: opened }, secret.toUpperCase(), masterKey));

    const { rows } = await admin.query<{ app_secret_ciphertext: Buffer }>(`SELECT app_secret_ciphertext FROM wechat_credentials WHERE tenant_id = $1`, [tenantId]);
    expect(rows[0]!.app_secret_ciphertext.includes(Buffer.from(secret))).toBe(false);
    const settings = (await inStore(tenantId, (tx) => readWechatSettings(tx)))!;
    expect(settings.appSecret).toEqual({ updatedAt: saved.updatedAt });
    expect(settings.revision).toBe(opened + 1);
    expect(JSON.stringify(settings)).not.toContain(secret);
    expect(await inStore(tenantId, (tx) => openAppSecret(tx, tenantId, masterKey))).toEqual({ tenantId, appid, appSecret: secret });

    // A second form opened at the same revision is refused, and the stored secret stays.
    await expect(inStore(tenantId, (tx) => saveAppSecret(tx, tenantId, { userId, revision: opened }, randomBytes(16).toString("hex"), masterKey))).rejects.toMatchObject({ name: "StaleRevisionError" });
    expect((await inStore(tenantId, (tx) => openAppSecret(tx, tenantId, masterKey)))!.appSecret).toBe(secret);

    // The sealed upload key does not open as the AppSecret, nor the other way round: each is bound to its use.
    await inStore(tenantId, (tx) => saveUploadKey(tx, tenantId, userId, testUploadKey().privateKey, masterKey));
    await admin.query(`UPDATE wechat_credentials SET app_secret_ciphertext = private_key_ciphertext WHERE tenant_id = $1`, [tenantId]);
    await expect(inStore(tenantId, (tx) => openAppSecret(tx, tenantId, masterKey))).rejects.toThrow(/integrity/);

    await saveSettings(tenantId, { appid: testAppid(), robot: 1 });
    expect((await inStore(tenantId, (tx) => readWechatSettings(tx)))!.appSecret).toBeNull();
    expect(await inStore(tenantId, (tx) => openAppSecret(tx, tenantId, masterKey))).toBeNull();
  });
});
