// The AppSecret at rest: checked, sealed to its store, opened only for a call to WeChat.
import { randomBytes, randomUUID } from "node:crypto";
import type { Database } from "@kaidian/db";
import { superuser, testDatabase } from "@kaidian/db/testing";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openAppSecret, saveAppSecret } from "./app-secret";

let db: Database;
let admin: pg.Client;
const masterKey = randomBytes(32);

beforeAll(async () => {
  db = testDatabase();
  admin = await superuser();
});
afterAll(async () => {
  await admin.end();
  await db.disconnect();
});

async function arrangeStore(withAppid: boolean): Promise<string> {
  const { rows } = await admin.query<{ id: string }>(
    "INSERT INTO tenants (name, slug, template_id, updated_at) VALUES ('密钥店', $1, 'ecommerce', now()) RETURNING id",
    [`secret-${randomUUID().slice(0, 8)}`],
  );
  const tenantId = rows[0]!.id;
  if (withAppid) await admin.query("INSERT INTO wechat_credentials (tenant_id, appid, revision, updated_at) VALUES ($1, 'wx0123456789abcdef', 1, now())", [tenantId]);
  return tenantId;
}

describe("the AppSecret", () => {
  it("is sealed at rest, bound to its store, and opens for calls to WeChat with the store's appid", async () => {
    const tenantId = await arrangeStore(true);
    const secret = randomBytes(16).toString("hex");
    const saved = await db.scoped({ tenantId }, (tx) => saveAppSecret(tx, tenantId, randomUUID(), ` ${secret.toUpperCase()} `, masterKey));
    expect(saved.ok).toBe(true);
    const { rows } = await admin.query<{ app_secret_ciphertext: Buffer; revision: number }>("SELECT app_secret_ciphertext, revision FROM wechat_credentials WHERE tenant_id = $1", [tenantId]);
    expect(rows[0]!.app_secret_ciphertext.toString("latin1")).not.toContain(secret);
    expect(rows[0]!.revision).toBe(2);
    expect(await db.scoped({ tenantId }, (tx) => openAppSecret(tx, tenantId, masterKey))).toEqual({ tenantId, appid: "wx0123456789abcdef", appSecret: secret });
    // Copied onto another store's row, the box does not open.
    const other = await arrangeStore(true);
    await admin.query("UPDATE wechat_credentials SET app_secret_ciphertext = $1 WHERE tenant_id = $2", [rows[0]!.app_secret_ciphertext, other]);
    await expect(db.scoped({ tenantId: other }, (tx) => openAppSecret(tx, other, masterKey))).rejects.toThrow();
  });

  it("is refused when it is not WeChat's 32 hexadecimal characters, or before the appid is saved", async () => {
    const tenantId = await arrangeStore(true);
    expect(await db.scoped({ tenantId }, (tx) => saveAppSecret(tx, tenantId, randomUUID(), "not-a-secret", masterKey))).toEqual({ ok: false, code: "wechat.appSecret.invalid" });
    const bare = await arrangeStore(false);
    expect(await db.scoped({ tenantId: bare }, (tx) => saveAppSecret(tx, bare, randomUUID(), randomBytes(16).toString("hex"), masterKey))).toEqual({ ok: false, code: "wechat.appid.first" });
    expect(await db.scoped({ tenantId: bare }, (tx) => openAppSecret(tx, bare, masterKey))).toBeNull();
  });
});
