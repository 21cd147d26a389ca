// The shop-api process: HTTP until SIGTERM/SIGINT, when it stops taking new requests, finishes those in flight
// (up to SHOP_API_SHUTDOWN_MS) and exits.
import { createShopApi } from "./shop-api";
import { type ShopApiSettings, shopApiSettings } from "./settings";

let settings: ShopApiSettings;
try {
  settings = shopApiSettings(process.env);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

const shopApi = createShopApi(settings);
let stopping = false;

async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  shopApi.app.log.info({ signal }, "shutting down: finishing requests in flight");
  const force = setTimeout(() => {
    shopApi.app.log.error("requests still in flight at the shutdown deadline; exiting");
    process.exit(1);
  }, settings.shutdownMs);
  force.unref();
  await shopApi.stop();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

const address = await shopApi.start();
shopApi.app.log.info({ address }, "shop-api is listening");
