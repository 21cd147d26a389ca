// WeChat Pay's notifications (payment and refund results) posted to our notify_url. Nothing in one is believed
// until it verifies: the signature over `timestamp\nnonce\nbody\n` with the WeChat Pay key its serial names, a
// timestamp within 5 minutes (an old one is a replay), then AES-256-GCM decryption with the APIv3 key. The SDK does
// the RSA and the AES; a refusal is a typed outcome to log and answer with a FAIL, never an exception to leak.
//
// Verification says the notification came from WeChat Pay, not that it is new or fits the order: the orders domain
// still dedupes by its id and checks the amount.
import { Aes, Formatter, Rsa } from "wechatpay-axios-plugin";
import { z } from "zod";
import { refundSchema, transactionSchema, type Refund, type Transaction } from "./client";
import type { MerchantKeys } from "./settings";

export type NotificationRequest = {
  headers: Record<string, string | string[] | undefined>;
  /** The body exactly as received: the signature covers its bytes, not a re-serialisation. */
  body: string;
};

export type VerifiedNotification =
  | { kind: "payment"; id: string; eventType: string; createdAt: Date; transaction: Transaction }
  | { kind: "refund"; id: string; eventType: string; createdAt: Date; refund: Refund };

export const NOTIFICATION_REFUSALS = ["headersMissing", "unknownSerial", "stale", "badSignature", "malformed", "undecryptable"] as const;
export type NotificationRefusal = (typeof NOTIFICATION_REFUSALS)[number];

export type NotificationOutcome = { ok: true; notification: VerifiedNotification } | { ok: false; refusal: NotificationRefusal; detail: string };

const MAX_CLOCK_SKEW_S = 300;

const envelopeSchema = z.object({
  id: z.string().min(1),
  create_time: z.string(),
  event_type: z.string(),
  resource_type: z.literal("encrypt-resource"),
  resource: z.object({
    original_type: z.enum(["transaction", "refund"]),
    algorithm: z.literal("AEAD_AES_256_GCM"),
    ciphertext: z.string(),
    nonce: z.string(),
    associated_data: z.string().optional(),
  }),
});

/** Refund notifications carry the refund's fields flat, with `refund_status`. */
const refundResourceSchema = z.looseObject({}).transform((r) => ({ ...r, refund_status: r.refund_status ?? r.status }));

export function verifyNotification(
  request: NotificationRequest,
  keys: Pick<MerchantKeys, "apiV3Key" | "wechatpayKeys">,
  now: () => number = Date.now,
): NotificationOutcome {
  const header = (name: string) => {
    const value = request.headers[name] ?? request.headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
  };
  const timestamp = header("Wechatpay-Timestamp");
  const nonce = header("Wechatpay-Nonce");
  const signature = header("Wechatpay-Signature");
  const serial = header("Wechatpay-Serial");
  if (!timestamp || !nonce || !signature || !serial) return refuse("headersMissing", "a Wechatpay-* header is missing");
  const key = keys.wechatpayKeys.find((candidate) => candidate.serial === serial);
  if (!key) return refuse("unknownSerial", `no WeChat Pay key with serial ${serial}`);
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now() / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_S) {
    return refuse("stale", `timestamp ${timestamp} is more than ${MAX_CLOCK_SKEW_S} s from now`);
  }
  let verified = false;
  try {
    verified = Rsa.verify(Formatter.response(timestamp, nonce, request.body), signature, Rsa.from(key.publicKey, "public"));
  } catch {
    verified = false;
  }
  // Also how WeChat Pay's probes (a `WECHATPAY/SIGNTEST/…` signature) must end: refused.
  if (!verified) return refuse("badSignature", "the signature does not verify with WeChat Pay's key");

  let envelope: z.output<typeof envelopeSchema>;
  try {
    envelope = envelopeSchema.parse(JSON.parse(request.body));
  } catch (error) {
    return refuse("malformed", `not a WeChat Pay notification: ${String(error).slice(0, 200)}`);
  }
  let plaintext: string;
  try {
    const { ciphertext, nonce: iv, associated_data } = envelope.resource;
    plaintext = Aes.AesGcm.decrypt(ciphertext, keys.apiV3Key, iv, associated_data ?? "");
  } catch {
    return refuse("undecryptable", "the resource does not decrypt with the APIv3 key");
  }
  try {
    const resource = JSON.parse(plaintext) as unknown;
    const common = { id: envelope.id, eventType: envelope.event_type, createdAt: new Date(envelope.create_time) };
    if (envelope.resource.original_type === "transaction") return { ok: true, notification: { kind: "payment", ...common, transaction: transactionSchema.parse(resource) } };
    return { ok: true, notification: { kind: "refund", ...common, refund: refundSchema.parse(refundResourceSchema.parse(resource)) } };
  } catch (error) {
    return refuse("malformed", `the decrypted resource is not a ${envelope.resource.original_type}: ${String(error).slice(0, 200)}`);
  }
}

/** What to answer WeChat Pay: 204 for a verified notification, 401 with FAIL (it resends later) for a refused one. */
export function notificationAnswer(outcome: NotificationOutcome): { status: number; body?: { code: "FAIL"; message: string } } {
  return outcome.ok ? { status: 204 } : { status: 401, body: { code: "FAIL", message: outcome.refusal } };
}

function refuse(refusal: NotificationRefusal, detail: string): NotificationOutcome {
  return { ok: false, refusal, detail };
}
