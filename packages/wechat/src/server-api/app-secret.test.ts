// The AppSecret at rest: checked, sealed to its store, opened only for a call to WeChat.
import { randomBytes, randomUUID } from "node:crypto";
import type { Database } from "@kaidian/db";
import { superuser, testDatabase } from "@kaidian/db/testing";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openAppSecret, sealAppSecret } from "./app-secret";

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
    const box = sealAppSecret(` ${secret.toUpperCase()} `, masterKey, tenantId);
    expect(Buffer.from(box).toString("latin1")).not.toContain(secret);
    await admin.query("UPDATE wechat_credentials SET app_secret_ciphertext = $1 WHERE tenant_id = $2", [box, tenantId]);
    expect(await db.scoped({ tenantId }, (tx) => openAppSecret(tx, tenantId, masterKey))).toEqual({ tenantId, appid: "wx0123456789abcdef", appSecret: secret });
    // Copied onto another store's row, the box does not open.
    const other = await arrangeStore(true);
    await admin.query("UPDATE wechat_credentials SET app_secret_ciphertext = $1 WHERE tenant_id = $2", [box, other]);
    await expect(db.scoped({ tenantId: other }, (tx) => openAppSecret(tx, other, masterKey))).rejects.toThrow();
  });

  it("is nothing to open before it is saved", async () => {
    const tenantId = await arrangeStore(true);
    expect(await db.scoped({ tenantId }, (tx) => openAppSecret(tx, tenantId, masterKey))).toBeNull();
    const bare = await arrangeStore(false);
    expect(await db.scoped({ tenantId: bare }, (tx) => openAppSecret(tx, bare, masterKey))).toBeNull();
  });
});
