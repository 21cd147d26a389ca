// A real shop-api for tests: what main.ts runs, listening on a free port of this process, its logs kept.
import { Writable } from "node:stream";
import type { ShopCache } from "@kaidian/storefront/cache";
import { createShopApi } from "./shop-api";
import { shopApiSettings } from "./settings";

export type RunningShopApi = { url: string; logs: string[]; cache: ShopCache; close(): Promise<void> };

export async function startShopApi(databaseUrl: string, env: Record<string, string> = {}): Promise<RunningShopApi> {
  const settings = shopApiSettings({ DATABASE_URL: databaseUrl, SHOP_API_CHECK_MS: "1000", SHOP_API_DB_CONNECTIONS: "4", ...env });
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const shopApi = createShopApi({ ...settings, port: 0, host: "127.0.0.1" }, { logStream, env: { ...process.env, ...env } });
  const url = await shopApi.start();
  return { url, logs, cache: shopApi.cache, close: () => shopApi.stop() };
}
