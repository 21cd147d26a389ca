// The worker's own settings, from the environment (the README lists them). Checked once at start, naming each
// wrong one; values are never repeated (some are secrets).
import { shopApiBaseUrl } from "@kaidian/publishing";
import { z } from "zod";

const milliseconds = (fallback: number, min: number) => z.coerce.number().int().min(min).max(3_600_000).default(fallback);

const settingsSchema = z.object({
  DATABASE_URL: z.string({ error: "is required" }).min(1, { error: "is required" }),
  KAIDIAN_RETRY_DELAY_MS: milliseconds(30_000, 100),
  KAIDIAN_LEASE_MS: milliseconds(30_000, 1_000),
  KAIDIAN_POLL_MS: milliseconds(1_000, 50),
  KAIDIAN_COMPILE_TIMEOUT_MS: milliseconds(120_000, 1_000),
  KAIDIAN_ORDER_TIMERS_MS: milliseconds(5_000, 50),
  KAIDIAN_SHIPPING_RETRY_MS: milliseconds(30_000, 100),
  KAIDIAN_FLEET_RELEASES_MS: milliseconds(10_000, 50),
  KAIDIAN_ANALYTICS_FOLD_MS: milliseconds(30_000, 50),
});

export type WorkerSettings = {
  databaseUrl: string;
  shopApiUrl: string;
  retryDelayMs: number;
  leaseMs: number;
  pollMs: number;
  compileTimeoutMs: number;
  /** How often the order timers look for unpaid orders to expire and shipping uploads to make. */
  orderTimersMs: number;
  /** The first pause after WeChat refuses a shipping upload; each further one doubles, up to 6 hours. */
  shippingRetryMs: number;
  /** How often running fleet releases are advanced (third-party platform only). */
  fleetReleasesMs: number;
  /** How often changed orders are folded into the stores' day figures. */
  analyticsFoldMs: number;
};

export function workerSettings(env: Record<string, string | undefined>): WorkerSettings {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Worker settings: ${parsed.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`).join("; ")}`);
  }
  const settings = parsed.data;
  return {
    databaseUrl: settings.DATABASE_URL,
    // What the built Mini Program calls (shop-api), as `npm run generate` uses it.
    shopApiUrl: shopApiBaseUrl(env),
    retryDelayMs: settings.KAIDIAN_RETRY_DELAY_MS,
    leaseMs: settings.KAIDIAN_LEASE_MS,
    pollMs: settings.KAIDIAN_POLL_MS,
    compileTimeoutMs: settings.KAIDIAN_COMPILE_TIMEOUT_MS,
    orderTimersMs: settings.KAIDIAN_ORDER_TIMERS_MS,
    shippingRetryMs: settings.KAIDIAN_SHIPPING_RETRY_MS,
    fleetReleasesMs: settings.KAIDIAN_FLEET_RELEASES_MS,
    analyticsFoldMs: settings.KAIDIAN_ANALYTICS_FOLD_MS,
  };
}
