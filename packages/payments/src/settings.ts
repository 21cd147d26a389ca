// The shapes of WeChat Pay settings: the one source of truth for the payment settings form, its validation and
// what the client is built from. Two ways for a store to be paid:
// - direct (直连商户): the store's own merchant account, with its API key pair, certificate serial and APIv3 key;
// - partner (服务商): the platform's service-provider account (sp_mchid) signs for the store's sub-merchant
//   (sub_mchid), for merchants onboarded without a payment account of their own. The store enters only sub_mchid.
// Messages are i18n keys for the dashboard (payments.*).
import { createPrivateKey, createPublicKey } from "node:crypto";
import { z } from "zod";

const appidSchema = z.string().trim().regex(/^wx[0-9a-f]{16}$/, { error: "payments.appid.invalid" });
const mchidSchema = z.string().trim().regex(/^\d{8,12}$/, { error: "payments.mchid.invalid" });

const privateKeySchema = z
  .string()
  .trim()
  .refine((pem) => {
    try {
      const key = createPrivateKey(pem);
      return key.asymmetricKeyType === "rsa" && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048;
    } catch {
      return false;
    }
  }, { error: "payments.privateKey.invalid" });

/** WeChat Pay's public key (PUB_KEY_ID_…, the default for new merchants) or a platform certificate (hex serial). */
export const wechatpayKeySchema = z.object({
  serial: z.string().trim().regex(/^(PUB_KEY_ID_[0-9A-Za-z_]{1,64}|[0-9A-Fa-f]{8,40})$/, { error: "payments.wechatpayKey.serial" }),
  publicKey: z
    .string()
    .trim()
    .refine((pem) => {
      try {
        return /-----BEGIN (PUBLIC KEY|CERTIFICATE)-----/.test(pem) && createPublicKey(pem).asymmetricKeyType === "rsa";
      } catch {
        return false;
      }
    }, { error: "payments.wechatpayKey.invalid" }),
});

/** What signs requests for one merchant account and verifies WeChat Pay's answers to it. */
export const merchantKeysSchema = z.object({
  mchid: mchidSchema,
  /** apiclient_key.pem: signs every request and the wx.requestPayment parameters. */
  privateKey: privateKeySchema,
  /** The serial of the merchant's API certificate (apiclient_cert.pem), hex. */
  certificateSerial: z.string().trim().regex(/^[0-9A-Fa-f]{8,40}$/, { error: "payments.certificateSerial.invalid" }),
  /** APIv3 key: 32 characters, the AES-256-GCM key of notifications. */
  apiV3Key: z.string().refine((key) => Buffer.byteLength(key, "utf8") === 32, { error: "payments.apiV3Key.invalid" }),
  /** WeChat Pay's keys, by serial: during a switch from platform certificates to the public key both sign. */
  wechatpayKeys: z.array(wechatpayKeySchema).min(1, { error: "payments.wechatpayKey.required" }).max(4),
});
export type MerchantKeys = z.output<typeof merchantKeysSchema>;

/** A store paid into its own merchant account. */
export const directPaymentSettingsSchema = merchantKeysSchema.extend({ mode: z.literal("direct") });

/** A store paid as a sub-merchant of the platform's service-provider account. */
export const partnerPaymentSettingsSchema = z.object({ mode: z.literal("partner"), subMchid: mchidSchema });

export const storePaymentSettingsSchema = z.discriminatedUnion("mode", [directPaymentSettingsSchema, partnerPaymentSettingsSchema]);
export type StorePaymentSettings = z.output<typeof storePaymentSettingsSchema>;

/** The platform's own service-provider account (服务商): its keys and the appid it is registered with. */
export const serviceProviderSchema = merchantKeysSchema.extend({ spAppid: appidSchema });
export type ServiceProvider = z.output<typeof serviceProviderSchema>;

/** Everything a payment call needs: who signs, and on whose behalf. */
export type PaymentAccount =
  | { mode: "direct"; appid: string; merchant: MerchantKeys }
  | { mode: "partner"; spAppid: string; subAppid: string; subMchid: string; merchant: MerchantKeys };

export class PaymentsNotSetUpError extends Error {
  readonly code = "payments.notSetUp";
  constructor(reason: string) {
    super(`WeChat Pay is not set up: ${reason}`);
  }
}

/**
 * The account a store's Mini Program (`appid`) is paid through. In partner mode the shopper's openid belongs to the
 * store's Mini Program, so it is the sub_appid and the payer is a sub_openid.
 */
export function paymentAccount(store: StorePaymentSettings, appid: string, provider?: ServiceProvider): PaymentAccount {
  if (store.mode === "direct") {
    const { mode: _mode, ...merchant } = store;
    return { mode: "direct", appid, merchant };
  }
  if (!provider) throw new PaymentsNotSetUpError("the store is a sub-merchant but no service-provider account is configured");
  const { spAppid, ...merchant } = provider;
  return { mode: "partner", spAppid, subAppid: appid, subMchid: store.subMchid, merchant };
}

// How this server reaches WeChat Pay, from the environment:
// - WECHATPAY_API_BASE: the base URL (the tests' fake, or an egress gateway, takes WeChat Pay's place here);
// - WECHATPAY_TIMEOUT_MS: how long one attempt may take before it is retried.
export const wechatpayConnectionSchema = z.object({
  WECHATPAY_API_BASE: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || "https://api.mch.weixin.qq.com")
    .pipe(z.url({ protocol: /^https?$/, error: "must be an http:// or https:// address" })),
  WECHATPAY_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(10_000),
});

export type WechatpayConnection = {
  baseUrl: string;
  timeoutMs: number;
  /** Pauses before each retry of a 5xx, 429 or network failure; as many retries as entries. */
  retryDelaysMs: number[];
};

export function wechatpayConnection(env: Record<string, string | undefined>): WechatpayConnection {
  const parsed = wechatpayConnectionSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`);
    throw new Error(`WeChat Pay settings: ${problems.join("; ")}`);
  }
  return { baseUrl: parsed.data.WECHATPAY_API_BASE, timeoutMs: parsed.data.WECHATPAY_TIMEOUT_MS, retryDelaysMs: [300, 1_000, 3_000] };
}

// The platform's service-provider account (服务商), for stores in partner mode, from the environment. The PEM keys
// come as files (WECHATPAY_SP_PRIVATE_KEY_FILE, WECHATPAY_SP_PUBLIC_KEY_FILE) so they stay out of process listings;
// unset WECHATPAY_SP_MCHID means the platform has no provider account and partner mode is not offered.
const SP_VARIABLES = [
  "WECHATPAY_SP_MCHID",
  "WECHATPAY_SP_APPID",
  "WECHATPAY_SP_CERT_SERIAL",
  "WECHATPAY_SP_PRIVATE_KEY_FILE",
  "WECHATPAY_SP_APIV3_KEY",
  "WECHATPAY_SP_PUBLIC_KEY_ID",
  "WECHATPAY_SP_PUBLIC_KEY_FILE",
] as const;

export function serviceProviderFromEnv(env: Record<string, string | undefined>, readFile: (path: string) => string): ServiceProvider | null {
  if (!env.WECHATPAY_SP_MCHID?.trim()) return null;
  const missing = SP_VARIABLES.filter((name) => !env[name]?.trim());
  if (missing.length > 0) throw new Error(`WeChat Pay service provider settings: ${missing.join(", ")} must be set with WECHATPAY_SP_MCHID`);
  const parsed = serviceProviderSchema.safeParse({
    mchid: env.WECHATPAY_SP_MCHID,
    spAppid: env.WECHATPAY_SP_APPID,
    certificateSerial: env.WECHATPAY_SP_CERT_SERIAL,
    privateKey: readFile(env.WECHATPAY_SP_PRIVATE_KEY_FILE!.trim()),
    apiV3Key: env.WECHATPAY_SP_APIV3_KEY,
    wechatpayKeys: [{ serial: env.WECHATPAY_SP_PUBLIC_KEY_ID, publicKey: readFile(env.WECHATPAY_SP_PUBLIC_KEY_FILE!.trim()) }],
  });
  if (!parsed.success) {
    // Names the wrong ones, never their values: they are secrets.
    throw new Error(`WeChat Pay service provider settings: ${parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ")}`);
  }
  return parsed.data;
}
