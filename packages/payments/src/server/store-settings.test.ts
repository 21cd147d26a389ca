import { randomBytes, randomUUID } from "node:crypto";
import type { Database, Transaction } from "@kaidian/db";
import { superuser, testDatabase } from "@kaidian/db/testing";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeWechatPay, testAppid, testMchid, testMerchant, type FakeWechatPay } from "../testing";
import { merchantKeysSchema, wechatpayConnection, type MerchantKeys } from "../settings";
import { testPaymentConnection } from "./connection-test";
import { openPaymentAccount, paymentsReady, readPaymentSettings, savePaymentSettings, type PaymentSettingsForm } from "./store-settings";

let db: Database;
let admin: pg.Client;
let fake: FakeWechatPay;
let userId: string;
const masterKey = randomBytes(32);

beforeAll(async () => {
  db = testDatabase();
  admin = await superuser();
  fake = await startFakeWechatPay();
  userId = (await db.scoped({}, (tx) => tx.user.create({ data: { email: `p-${randomUUID()}@example.test`, name: "店主", passwordHash: "x" }, select: { id: true } }))).id;
});
afterAll(async () => {
  await fake?.close();
  await admin?.end();
  await db?.disconnect();
});

const inStore = <T>(tenantId: string, work: (tx: Transaction) => Promise<T>) => db.scoped({ tenantId }, work);

async function storeWithApp(): Promise<{ tenantId: string; appid: string }> {
  const tenantId = randomUUID();
  const appid = testAppid();
  await inStore(tenantId, async (tx) => {
    await tx.tenant.create({ data: { id: tenantId, name: "支付店", slug: `pay-${tenantId}`, templateId: "ecommerce" } });
    await tx.wechatCredential.create({ data: { tenantId, appid, robot: 1 } });
  });
  return { tenantId, appid };
}

const directForm = (keys: MerchantKeys): Extract<PaymentSettingsForm, { mode: "direct" }> => ({
  mode: "direct",
  mchid: keys.mchid,
  certificateSerial: keys.certificateSerial,
  privateKey: keys.privateKey,
  apiV3Key: keys.apiV3Key,
  wechatpayKeySerial: keys.wechatpayKeys[0]!.serial,
  wechatpayPublicKey: keys.wechatpayKeys[0]!.publicKey,
});

/** A save from the settings as they stand, as the form that just read them would send it. */
const save = (tenantId: string, form: PaymentSettingsForm) =>
  inStore(tenantId, async (tx) => savePaymentSettings(tx, tenantId, { userId, revision: (await readPaymentSettings(tx))?.revision ?? 0 }, form, masterKey));

const connection = () => wechatpayConnection({ WECHATPAY_API_BASE: fake.baseUrl, WECHATPAY_TIMEOUT_MS: "5000" });

describe("a store's payment settings", () => {
  it("keep the keys sealed at rest, show only their fingerprint and serials, and open them to sign", async () => {
    const { tenantId, appid } = await storeWithApp();
    const merchant = testMerchant(fake.wechatpayKeys, { appids: [appid] });
    const shown = await save(tenantId, directForm(merchant.keys));

    const { rows } = await admin.query<{ keys_ciphertext: Buffer; account: unknown }>(`SELECT keys_ciphertext, account FROM payment_settings WHERE tenant_id = $1`, [tenantId]);
    const stored = Buffer.concat([rows[0]!.keys_ciphertext, Buffer.from(JSON.stringify(rows[0]!.account))]);
    expect(stored.includes(Buffer.from(merchant.keys.privateKey.split("\n")[1]!))).toBe(false);
    expect(stored.includes(Buffer.from(merchant.keys.apiV3Key))).toBe(false);
    expect(stored.includes(Buffer.from("PRIVATE KEY"))).toBe(false);

    expect(shown).toMatchObject({
      mode: "direct",
      revision: 1,
      account: { mchid: merchant.keys.mchid, certificateSerial: merchant.keys.certificateSerial, privateKeyFingerprint: expect.stringMatching(/^SHA256:/), wechatpayKeySerials: [merchant.keys.wechatpayKeys[0]!.serial] },
    });
    expect(JSON.stringify(shown)).not.toContain(merchant.keys.apiV3Key);
    const account = await inStore(tenantId, (tx) => openPaymentAccount(tx, tenantId, masterKey, null));
    expect(account).toEqual({ mode: "direct", appid, merchant: merchantKeysSchema.parse(merchant.keys) });
  });

  it("keep stored keys when the form leaves them blank, and ask for them when there are none", async () => {
    const { tenantId } = await storeWithApp();
    const merchant = testMerchant(fake.wechatpayKeys);
    const blank = { ...directForm(merchant.keys), privateKey: "", apiV3Key: "", wechatpayKeySerial: "", wechatpayPublicKey: "" };
    await expect(save(tenantId, blank)).rejects.toMatchObject({ code: "payments.key.required", field: "privateKey" });
    await save(tenantId, directForm(merchant.keys));
    const newMchid = testMchid();
    expect((await save(tenantId, { ...blank, mchid: newMchid })).account).toMatchObject({ mchid: newMchid });
    expect((await inStore(tenantId, (tx) => openPaymentAccount(tx, tenantId, masterKey, null))).merchant).toEqual(merchantKeysSchema.parse({ ...merchant.keys, mchid: newMchid }));
  });

  it("refuse a wrong key on its field, and a save from a revision someone saved over", async () => {
    const { tenantId } = await storeWithApp();
    const merchant = testMerchant(fake.wechatpayKeys);
    await expect(save(tenantId, { ...directForm(merchant.keys), privateKey: merchant.keys.wechatpayKeys[0]!.publicKey })).rejects.toMatchObject({ code: "payments.privateKey.invalid", field: "privateKey" });
    await expect(save(tenantId, { ...directForm(merchant.keys), apiV3Key: "short" })).rejects.toMatchObject({ code: "payments.apiV3Key.invalid", field: "apiV3Key" });
    await save(tenantId, directForm(merchant.keys));
    await save(tenantId, { mode: "partner", subMchid: testMchid() });
    await expect(
      inStore(tenantId, (tx) => savePaymentSettings(tx, tenantId, { userId, revision: 1 }, directForm(merchant.keys), masterKey)),
    ).rejects.toMatchObject({ name: "StaleRevisionError", current: { revision: 2, savedBy: { id: userId } } });
    // Partner mode keeps none of the store's own keys.
    const { rows } = await admin.query(`SELECT keys_ciphertext FROM payment_settings WHERE tenant_id = $1`, [tenantId]);
    expect(rows[0].keys_ciphertext).toBeNull();
  });

  it("pass the connection test against WeChat Pay, and fail it with a wrong serial or WeChat Pay key, saying which", async () => {
    const { tenantId, appid } = await storeWithApp();
    const merchant = testMerchant(fake.wechatpayKeys, { appids: [appid] });
    fake.registerMerchant(merchant.registration);
    const deps = { masterKey, provider: null, connection: connection() };
    expect(await testPaymentConnection(db, tenantId, deps)).toEqual({ ok: false, problem: "notSetUp" });

    await save(tenantId, directForm(merchant.keys));
    expect(await testPaymentConnection(db, tenantId, deps)).toEqual({ ok: true });
    expect(await inStore(tenantId, (tx) => paymentsReady(tx, null))).toBe(true);
    expect(await inStore(tenantId, readPaymentSettings)).toMatchObject({ checkedAt: expect.any(Date), checkProblem: null });

    await save(tenantId, { ...directForm(merchant.keys), certificateSerial: randomBytes(20).toString("hex").toUpperCase() });
    expect(await testPaymentConnection(db, tenantId, deps)).toEqual({ ok: false, problem: "signature" });
    expect(await inStore(tenantId, readPaymentSettings)).toMatchObject({ checkProblem: "signature" });
    expect(await inStore(tenantId, (tx) => paymentsReady(tx, null))).toBe(false);

    const stranger = testMerchant(fake.wechatpayKeys).keys;
    await save(tenantId, { ...directForm(merchant.keys), wechatpayKeySerial: "PUB_KEY_ID_0000000000000000", wechatpayPublicKey: stranger.wechatpayKeys[0]!.publicKey });
    expect(await testPaymentConnection(db, tenantId, deps)).toEqual({ ok: false, problem: "unverifiedResponse" });
  });

  it("in partner mode, are ready only with the platform's service provider account", async () => {
    const { tenantId, appid } = await storeWithApp();
    const subMchid = testMchid();
    const provider = testMerchant(fake.wechatpayKeys, { appids: [testAppid()], subMerchants: [{ subMchid, appids: [appid] }] });
    fake.registerMerchant(provider.registration);
    await save(tenantId, { mode: "partner", subMchid });
    expect(await inStore(tenantId, (tx) => paymentsReady(tx, null))).toBe(false);
    const spAppid = provider.registration.appids[0]!;
    const deps = { masterKey, provider: { ...provider.keys, spAppid }, connection: connection() };
    expect(await inStore(tenantId, (tx) => paymentsReady(tx, deps.provider))).toBe(true);
    expect(await testPaymentConnection(db, tenantId, deps)).toEqual({ ok: true });
    expect(await inStore(tenantId, (tx) => openPaymentAccount(tx, tenantId, masterKey, deps.provider))).toMatchObject({ mode: "partner", spAppid, subAppid: appid, subMchid });
  });
});
