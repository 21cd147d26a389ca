// shop-api's settings, from the environment (the README lists them). Checked once at start, naming each wrong one.
import { parseTrustedProxies, type TrustedProxies } from "@kaidian/client-address";
import { masterKey } from "@kaidian/secrets";
import type { RateLimit } from "@kaidian/traffic";
import { type ComponentSettings, componentSettings } from "@kaidian/wechat/open-platform";
import { type WechatApiSettings, wechatApiSettings } from "@kaidian/wechat/server-api";
import { z } from "zod";

const whole = (fallback: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(fallback);

const settingsSchema = z.object({
  DATABASE_URL: z.string({ error: "is required" }).min(1, { error: "is required" }),
  SHOP_API_PORT: whole(3001, 1, 65535),
  SHOP_API_HOST: z.string().default("0.0.0.0"),
  /** Memory for cached answers, all stores together. */
  SHOP_API_CACHE_MB: whole(256, 1, 65536),
  /** How often the fallback asks PostgreSQL which stores changed (catches a lost notification). */
  SHOP_API_CHECK_MS: whole(5000, 100, 600_000),
  SHOP_API_DB_CONNECTIONS: whole(10, 1, 200),
  /** Reads each client address may make per second (and three times as many at once). */
  SHOP_API_CLIENT_READS_PER_SECOND: whole(20, 1, 10_000_000),
  /** Reads each store may be asked per second, per process (and twice as many at once). */
  SHOP_API_STORE_READS_PER_SECOND: whole(2000, 1, 10_000_000),
  /** Writes (cart, orders, actions) each logged-in shopper may make per second (and 15 times as many at once). */
  SHOP_API_SHOPPER_WRITES_PER_SECOND: whole(2, 1, 10_000_000),
  /** Writes without a shopper (logins) each client address may make per second (and three times as many at once). */
  SHOP_API_CLIENT_WRITES_PER_SECOND: whole(20, 1, 10_000_000),
  /** Writes each store may be sent per second, per process (and twice as many at once): a flash sale's ceiling. */
  SHOP_API_STORE_WRITES_PER_SECOND: whole(500, 1, 10_000_000),
  /** Analytics reports each client address may send per second (and six times as many at once). */
  SHOP_API_CLIENT_REPORTS_PER_SECOND: whole(10, 1, 10_000_000),
  /** Analytics reports each store may be sent per second, per process (and twice as many at once). */
  SHOP_API_STORE_REPORTS_PER_SECOND: whole(500, 1, 10_000_000),
  SHOP_API_SHUTDOWN_MS: whole(10_000, 100, 600_000),
  TRUSTED_PROXIES: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type ShopApiSettings = {
  databaseUrl: string;
  port: number;
  host: string;
  cacheBytes: number;
  checkMs: number;
  dbConnections: number;
  shutdownMs: number;
  trustedProxies: TrustedProxies;
  logLevel: string;
  limits: {
    clientReads: RateLimit;
    storeReads: RateLimit;
    shopperWrites: RateLimit;
    clientWrites: RateLimit;
    storeWrites: RateLimit;
    clientReports: RateLimit;
    storeReports: RateLimit;
  };
  /** Seals the stores' AppSecrets and keys shoppers' tokens (KAIDIAN_MASTER_KEY, or the data directory's). */
  masterKey: Buffer;
  /** How WeChat's server APIs are reached (WECHAT_API_BASE, WECHAT_API_TIMEOUT_MS). */
  wechatApi: WechatApiSettings;
  /** The third-party platform this deployment runs as (WECHAT_COMPONENT_*), or null. */
  wechatComponent: ComponentSettings | null;
};

export function shopApiSettings(env: Record<string, string | undefined>): ShopApiSettings {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`shop-api settings: ${parsed.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`).join("; ")}`);
  }
  const s = parsed.data;
  return {
    databaseUrl: s.DATABASE_URL,
    port: s.SHOP_API_PORT,
    host: s.SHOP_API_HOST,
    cacheBytes: s.SHOP_API_CACHE_MB * 1024 * 1024,
    checkMs: s.SHOP_API_CHECK_MS,
    dbConnections: s.SHOP_API_DB_CONNECTIONS,
    shutdownMs: s.SHOP_API_SHUTDOWN_MS,
    trustedProxies: parseTrustedProxies(s.TRUSTED_PROXIES),
    logLevel: s.LOG_LEVEL,
    limits: {
      clientReads: { perSecond: s.SHOP_API_CLIENT_READS_PER_SECOND, burst: s.SHOP_API_CLIENT_READS_PER_SECOND * 3 },
      storeReads: { perSecond: s.SHOP_API_STORE_READS_PER_SECOND, burst: s.SHOP_API_STORE_READS_PER_SECOND * 2 },
      // Writes are counted per logged-in shopper, not per address: shoppers in one mall or office share an address
      // behind NAT. A cart's taps come in bursts; an order is a few a minute. Logins have no shopper yet, so they
      // count per address, generously for the same reason.
      shopperWrites: { perSecond: s.SHOP_API_SHOPPER_WRITES_PER_SECOND, burst: s.SHOP_API_SHOPPER_WRITES_PER_SECOND * 15 },
      clientWrites: { perSecond: s.SHOP_API_CLIENT_WRITES_PER_SECOND, burst: s.SHOP_API_CLIENT_WRITES_PER_SECOND * 3 },
      storeWrites: { perSecond: s.SHOP_API_STORE_WRITES_PER_SECOND, burst: s.SHOP_API_STORE_WRITES_PER_SECOND * 2 },
      // A phone reports every ten seconds or so while in use; many phones share an address behind NAT.
      clientReports: { perSecond: s.SHOP_API_CLIENT_REPORTS_PER_SECOND, burst: s.SHOP_API_CLIENT_REPORTS_PER_SECOND * 6 },
      storeReports: { perSecond: s.SHOP_API_STORE_REPORTS_PER_SECOND, burst: s.SHOP_API_STORE_REPORTS_PER_SECOND * 2 },
    },
    masterKey: masterKey(env).key,
    wechatApi: wechatApiSettings(env),
    wechatComponent: componentSettings(env),
  };
}
