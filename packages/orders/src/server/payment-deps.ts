// What paying for orders needs from the environment, read once per process: the master key (the store's keys are
// sealed with it), the platform's service-provider account (partner mode), how WeChat Pay is reached, and where
// WeChat Pay posts its notifications (shop-api's public address).
import { readFileSync } from "node:fs";
import { serviceProviderFromEnv, wechatpayConnection, type ServiceProvider, type WechatpayConnection } from "@kaidian/payments";
import { masterKey } from "@kaidian/secrets";
import type { SubscribeSender } from "./order-messages";

export type PaymentDeps = {
  masterKey: Buffer;
  provider: ServiceProvider | null;
  connection: WechatpayConnection;
  /** shop-api's public base URL, without a trailing slash: notify_url is `<it>/api/mp/v1/<store>/payments/notify`. */
  shopApiUrl: string;
  /**
   * Where a paid order's subscribe message (paid, booking confirmed) is sent from once the payment is applied:
   * shop-api's WeChat client. Left out where no payment is applied (the dashboard's refunds).
   */
  subscribeMessages?: SubscribeSender;
};

type Environment = Record<string, string | undefined>;

/** `key`: the process's master key when it already holds one (shop-api's settings), so both read the same. */
export function paymentDepsFromEnv(env: Environment = process.env, key: Buffer = masterKey(env).key): PaymentDeps {
  return {
    masterKey: key,
    provider: serviceProviderFromEnv(env, (file) => readFileSync(file, "utf8")),
    connection: wechatpayConnection(env),
    // As builds do (publishing's shopApiBaseUrl): the public address, else shop-api on this machine, which only
    // a fake WeChat Pay in the tests can reach.
    shopApiUrl: env.SHOP_API_PUBLIC_URL?.trim().replace(/\/+$/, "") || `http://localhost:${env.SHOP_API_PORT?.trim() || 3001}`,
  };
}

export const notifyUrl = (deps: PaymentDeps, tenantId: string, kind: "payments" | "refunds") => `${deps.shopApiUrl}/api/mp/v1/${tenantId}/${kind}/notify`;
