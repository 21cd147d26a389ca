// A store's WeChat Pay settings at rest (payment_settings). What may be shown (mode, mchid, sub_mchid, serials, the
// private key's fingerprint) is in `account`; the keys themselves only in `keys_ciphertext`, sealed with the master
// key and bound to the store, opened only to sign a payment call. Saves are revision-checked like every form.
import { createHash, createPublicKey } from "node:crypto";
import { DomainError } from "@kaidian/accounts";
import { type SaveFrom, staleRevision, type Transaction } from "@kaidian/db";
import { open, seal } from "@kaidian/secrets";
import { z } from "zod";
import {
  merchantKeysSchema,
  partnerPaymentSettingsSchema,
  paymentAccount,
  PaymentsNotSetUpError,
  storePaymentSettingsSchema,
  wechatpayKeySchema,
  type MerchantKeys,
  type PaymentAccount,
  type ServiceProvider,
  type StorePaymentSettings,
} from "../settings";

/** A blank secret field keeps the stored secret: keys are write-only, the form never holds them. */
const keepWhenBlank = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

/**
 * The payment settings form, from the settings schemas: the same fields and messages. The private key, the APIv3
 * key and WeChat Pay's key may be left blank to keep the stored ones.
 */
export const paymentSettingsFormSchema = z.discriminatedUnion("mode", [
  z.object({
    mode: z.literal("direct"),
    mchid: merchantKeysSchema.shape.mchid,
    certificateSerial: merchantKeysSchema.shape.certificateSerial,
    privateKey: keepWhenBlank(merchantKeysSchema.shape.privateKey),
    apiV3Key: keepWhenBlank(merchantKeysSchema.shape.apiV3Key),
    wechatpayKeySerial: keepWhenBlank(wechatpayKeySchema.shape.serial),
    wechatpayPublicKey: keepWhenBlank(wechatpayKeySchema.shape.publicKey),
  }),
  partnerPaymentSettingsSchema,
]);
export type PaymentSettingsForm = z.input<typeof paymentSettingsFormSchema>;

/** What the dashboard may show of a store's payment settings: never a key. */
export type PaymentSettingsView = {
  mode: "direct" | "partner";
  account: ShownAccount;
  checkedAt: Date | null;
  /** The PaymentErrorKind of the last failed connection test; null when it passed or none ran. */
  checkProblem: string | null;
  revision: number;
  updatedAt: Date;
};

type ShownAccount =
  | { mode: "direct"; mchid: string; certificateSerial: string; privateKeyFingerprint: string; wechatpayKeySerials: string[] }
  | { mode: "partner"; subMchid: string };

type SealedKeys = Pick<MerchantKeys, "privateKey" | "apiV3Key" | "wechatpayKeys">;

/** The box's associated data: a box copied to another store's row, or another column, does not open. */
const boundTo = (tenantId: string) => `${tenantId}:payment_settings`;

export function privateKeyFingerprint(privateKeyPem: string): string {
  const der = createPublicKey(privateKeyPem).export({ type: "spki", format: "der" });
  return `SHA256:${createHash("sha256").update(der).digest("base64").replace(/=+$/, "")}`;
}

export async function readPaymentSettings(tx: Transaction): Promise<PaymentSettingsView | null> {
  const row = await tx.paymentSettings.findFirst({ select: { mode: true, account: true, checkedAt: true, checkProblem: true, revision: true, updatedAt: true } });
  if (!row) return null;
  return {
    mode: row.mode as PaymentSettingsView["mode"],
    account: row.account as ShownAccount,
    checkedAt: row.checkedAt,
    checkProblem: row.checkProblem,
    revision: row.revision,
    updatedAt: row.updatedAt,
  };
}

/**
 * Saves the form over the revision it was opened at (0: none saved yet) in one conditional statement; a
 * StaleRevisionError when someone saved in between, a DomainError on the field that is wrong or missing. Blank
 * keys keep the stored ones; switching to partner mode drops the store's own keys. A save clears the last
 * connection test, which the caller runs again.
 */
export async function savePaymentSettings(tx: Transaction, tenantId: string, from: SaveFrom, form: PaymentSettingsForm, masterKey: Buffer): Promise<PaymentSettingsView> {
  const parsed = paymentSettingsFormSchema.safeParse(form);
  if (!parsed.success) throw fieldError(parsed.error);
  const input = parsed.data;
  let settings: StorePaymentSettings;
  if (input.mode === "partner") {
    settings = input;
  } else {
    const stored = from.revision > 0 ? await openStored(tx, tenantId, masterKey) : null;
    const storedKeys = stored?.mode === "direct" ? stored : null;
    const wechatpayKeys =
      input.wechatpayKeySerial && input.wechatpayPublicKey
        ? [{ serial: input.wechatpayKeySerial, publicKey: input.wechatpayPublicKey }]
        : input.wechatpayKeySerial || input.wechatpayPublicKey
          ? missing(input.wechatpayKeySerial ? "wechatpayPublicKey" : "wechatpayKeySerial")
          : storedKeys?.wechatpayKeys;
    settings = {
      mode: "direct",
      mchid: input.mchid,
      certificateSerial: input.certificateSerial,
      privateKey: input.privateKey ?? storedKeys?.privateKey ?? missing("privateKey"),
      apiV3Key: input.apiV3Key ?? storedKeys?.apiV3Key ?? missing("apiV3Key"),
      wechatpayKeys: wechatpayKeys ?? missing("wechatpayPublicKey"),
    };
    const checked = storePaymentSettingsSchema.safeParse(settings);
    if (!checked.success) throw fieldError(checked.error);
  }

  const account: ShownAccount =
    settings.mode === "direct"
      ? {
          mode: "direct",
          mchid: settings.mchid,
          certificateSerial: settings.certificateSerial,
          privateKeyFingerprint: privateKeyFingerprint(settings.privateKey),
          wechatpayKeySerials: settings.wechatpayKeys.map((key) => key.serial),
        }
      : { mode: "partner", subMchid: settings.subMchid };
  const sealed: SealedKeys | null =
    settings.mode === "direct" ? { privateKey: settings.privateKey, apiV3Key: settings.apiV3Key, wechatpayKeys: settings.wechatpayKeys } : null;
  const data = {
    mode: settings.mode,
    account,
    keysCiphertext: sealed ? new Uint8Array(seal(Buffer.from(JSON.stringify(sealed), "utf8"), masterKey, boundTo(tenantId))) : null,
    checkedAt: null,
    checkProblem: null,
    updatedById: from.userId,
  };
  if (from.revision === 0) {
    // First save: of two racing ones, the second finds the row and is refused.
    const created = await tx.paymentSettings.createMany({ data: { tenantId, ...data, revision: 1 }, skipDuplicates: true });
    if (created.count === 0) throw await stale(tx, tenantId);
  } else {
    const saved = await tx.paymentSettings.updateMany({ where: { tenantId, revision: from.revision }, data: { ...data, revision: { increment: 1 } } });
    if (saved.count === 0) throw await stale(tx, tenantId);
  }
  return (await readPaymentSettings(tx))!;
}

/**
 * What whether a store can take payment, and its account, are decided from: its payment_settings row (null: never
 * saved) and its Mini Program's appid (null: none). Read here, or by a caller's own query on a hot path.
 */
export type StoredPayment = {
  settings: { mode: string; account: unknown; keysCiphertext: Uint8Array | null; checkProblem: string | null } | null;
  appid: string | null;
};

export async function readStoredPayment(tx: Transaction, tenantId: string): Promise<StoredPayment> {
  const [settings, wechat] = await Promise.all([
    tx.paymentSettings.findFirst({ where: { tenantId }, select: { mode: true, account: true, keysCiphertext: true, checkProblem: true } }),
    tx.wechatCredential.findFirst({ where: { tenantId }, select: { appid: true } }),
  ]);
  return { settings, appid: wechat?.appid ?? null };
}

/** The store's settings with its keys opened, to sign with; null when none are saved. */
function openSettings(row: NonNullable<StoredPayment["settings"]>, tenantId: string, masterKey: Buffer): StorePaymentSettings | null {
  const account = row.account as ShownAccount;
  if (account.mode === "partner") return { mode: "partner", subMchid: account.subMchid };
  if (!row.keysCiphertext) return null;
  const keys = JSON.parse(open(row.keysCiphertext, masterKey, boundTo(tenantId)).toString("utf8")) as SealedKeys;
  return { mode: "direct", mchid: account.mchid, certificateSerial: account.certificateSerial, ...keys };
}

export async function openStored(tx: Transaction, tenantId: string, masterKey: Buffer): Promise<StorePaymentSettings | null> {
  const { settings } = await readStoredPayment(tx, tenantId);
  return settings && openSettings(settings, tenantId, masterKey);
}

/**
 * Everything a payment call for this store needs: its settings opened and its Mini Program's appid (what the
 * shopper pays in), with the platform's provider account in partner mode. PaymentsNotSetUpError when any is missing.
 */
export function paymentAccountOf(stored: StoredPayment, tenantId: string, masterKey: Buffer, provider: ServiceProvider | null): PaymentAccount {
  const settings = stored.settings && openSettings(stored.settings, tenantId, masterKey);
  if (!settings) throw new PaymentsNotSetUpError("the store has no payment settings");
  if (!stored.appid) throw new PaymentsNotSetUpError("the store has no Mini Program appid");
  return paymentAccount(settings, stored.appid, provider ?? undefined);
}

export async function openPaymentAccount(tx: Transaction, tenantId: string, masterKey: Buffer, provider: ServiceProvider | null): Promise<PaymentAccount> {
  return paymentAccountOf(await readStoredPayment(tx, tenantId), tenantId, masterKey, provider);
}

/**
 * Whether the store can take payment now: settings saved (partner mode also needs the platform's provider
 * account), a Mini Program appid to pay in, and no failed connection test since the last save.
 */
export function paymentsReadyOf({ settings, appid }: StoredPayment, provider: ServiceProvider | null): boolean {
  if (!settings || !appid || settings.checkProblem !== null) return false;
  return settings.mode === "partner" ? provider !== null : settings.keysCiphertext !== null;
}

export async function paymentsReady(tx: Transaction, provider: ServiceProvider | null): Promise<boolean> {
  const [settings, wechat] = await Promise.all([
    tx.paymentSettings.findFirst({ select: { mode: true, account: true, keysCiphertext: true, checkProblem: true } }),
    tx.wechatCredential.findFirst({ select: { appid: true } }),
  ]);
  return paymentsReadyOf({ settings, appid: wechat?.appid ?? null }, provider);
}

/** Records a connection test's outcome (null: it passed). */
export async function recordPaymentCheck(tx: Transaction, revision: number, problem: string | null, at: Date = new Date()): Promise<void> {
  // Only for the settings that were tested: a save in between starts over.
  await tx.paymentSettings.updateMany({ where: { revision }, data: { checkedAt: at, checkProblem: problem } });
}

async function stale(tx: Transaction, tenantId: string) {
  return staleRevision(tx, "paymentSettings", await tx.paymentSettings.findFirst({ where: { tenantId }, select: { revision: true, updatedAt: true, updatedById: true } }));
}

function missing(field: string): never {
  throw new DomainError("payments.key.required", field);
}

/** The first problem, on the form's field: a WeChat Pay key's problems belong to its two fields. */
function fieldError(error: z.ZodError): DomainError {
  const issue = error.issues[0]!;
  const [first, , second] = issue.path.map(String);
  const field = first === "wechatpayKeys" ? (second === "serial" ? "wechatpayKeySerial" : "wechatpayPublicKey") : first;
  return new DomainError(issue.message, field);
}
