import "server-only";
import { readFileSync } from "node:fs";
import {
  PAYMENT_ERROR_KINDS,
  paymentErrorMessage,
  serviceProviderFromEnv,
  wechatpayConnection,
  type PaymentErrorKind,
  type ServiceProvider,
  type WechatpayConnection,
} from "@kaidian/payments";
import { masterKey } from "@kaidian/secrets";
import { type Dictionary, errorMessage, type Locale } from "@/i18n";

const holder = globalThis as typeof globalThis & { kaidianPayments?: { provider: ServiceProvider | null; connection: WechatpayConnection } };

/** What the payment settings page signs and connects with, read from the environment once per process. */
export function paymentDeps(): { masterKey: Buffer; provider: ServiceProvider | null; connection: WechatpayConnection } {
  holder.kaidianPayments ??= {
    provider: serviceProviderFromEnv(process.env, (file) => readFileSync(file, "utf8")),
    connection: wechatpayConnection(process.env),
  };
  return { masterKey: masterKey().key, ...holder.kaidianPayments };
}

/** What a failed connection test says to the merchant: WeChat Pay's words for the problem, in their language. */
export function paymentProblemText(problem: string, t: Dictionary, locale: Locale): string {
  return (PAYMENT_ERROR_KINDS as readonly string[]).includes(problem) ? paymentErrorMessage(problem as PaymentErrorKind, locale) : errorMessage(t, "payments.notSetUp");
}
