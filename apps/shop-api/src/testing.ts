// A real shop-api for tests: what main.ts runs, listening on a free port of this process, its logs kept.
import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import type { ShopCache } from "@kaidian/storefront/cache";
import { type RouteEntry, routeTable } from "./server";
import { createShopApi } from "./shop-api";
import { shopApiSettings } from "./settings";

export type RunningShopApi = {
  url: string;
  logs: string[];
  cache: ShopCache;
  /** Every route the app registered. */
  routes: readonly RouteEntry[];
  /** The master key it seals and signs with (a fresh one unless KAIDIAN_MASTER_KEY is given). */
  masterKey: Buffer;
  close(): Promise<void>;
};

export async function startShopApi(databaseUrl: string, env: Record<string, string> = {}): Promise<RunningShopApi> {
  const settings = shopApiSettings({
    DATABASE_URL: databaseUrl,
    SHOP_API_CHECK_MS: "1000",
    SHOP_API_DB_CONNECTIONS: "4",
    // Every test shopper calls from 127.0.0.1, where real shoppers are as many phones: the per-client limits would
    // meter the whole test as one phone. A test of those limits sets its own.
    SHOP_API_CLIENT_READS_PER_SECOND: "100000",
    SHOP_API_CLIENT_WRITES_PER_SECOND: "100000",
    SHOP_API_CLIENT_REPORTS_PER_SECOND: "100000",
    KAIDIAN_MASTER_KEY: randomBytes(32).toString("base64"),
    ...env,
  });
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  // A port given in env is kept (a test whose shop-api must know its own address); otherwise any free one.
  const shopApi = createShopApi({ ...settings, port: env.SHOP_API_PORT ? settings.port : 0, host: "127.0.0.1" }, { logStream, env: { ...process.env, ...env } });
  const url = await shopApi.start();
  return { url, logs, cache: shopApi.cache, routes: routeTable(shopApi.app), masterKey: settings.masterKey, close: () => shopApi.stop() };
}
