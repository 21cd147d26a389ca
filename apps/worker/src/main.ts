// A worker process: publishing builds, the order timers (expiring unpaid orders, uploading shipping
// information), the analytics fold (changed orders into the stores' day figures), and, on a third-party platform,
// the agencies' fleet releases. `npm start` runs one beside the dashboard (KAIDIAN_WORKERS for more); on a server,
// run as many as the machine allows, on any host that reaches the database, the storage, WeChat and WeChat Pay.
import { type AnalyticsFold, startAnalyticsFold } from "@kaidian/analytics/server";
import { Database } from "@kaidian/db";
import { mediaStorage } from "@kaidian/media/server";
import { paymentDepsFromEnv, startOrderTimers, type OrderTimers } from "@kaidian/orders/server";
import { ensurePlatformTemplate, startFleetReleases, startWorker, type FleetLoop, type Worker } from "@kaidian/publishing/worker";
import { masterKey } from "@kaidian/secrets";
import { wechatConnection } from "@kaidian/wechat/ci";
import { componentSettings, openPlatform, templateDeveloperSettings } from "@kaidian/wechat/open-platform";
import { MiniProgramServerApi, wechatApiSettings } from "@kaidian/wechat/server-api";
import { workerSettings } from "./settings";

const say = (line: string) => console.log(`[worker ${process.pid}] ${line}`);

let db: Database;
let worker: Worker;
let orderTimers: OrderTimers;
let analyticsFold: AnalyticsFold;
let fleets: FleetLoop | null = null;
try {
  const settings = workerSettings(process.env);
  db = new Database(settings.databaseUrl, { maxConnections: 3 });
  worker = startWorker({
    db,
    storage: mediaStorage(),
    masterKey: masterKey().key,
    wechat: wechatConnection(process.env),
    shopApiUrl: settings.shopApiUrl,
    retryDelayMs: settings.retryDelayMs,
    compileTimeoutMs: settings.compileTimeoutMs,
    leaseMs: settings.leaseMs,
    pollMs: settings.pollMs,
    log: say,
  });
  const payments = paymentDepsFromEnv(process.env);
  orderTimers = startOrderTimers({
    db,
    deps: payments,
    wechat: new MiniProgramServerApi({ db, masterKey: payments.masterKey, settings: wechatApiSettings(process.env) }),
    pollMs: settings.orderTimersMs,
    retryBaseMs: settings.shippingRetryMs,
    log: say,
  });
  analyticsFold = startAnalyticsFold({ db, pollMs: settings.analyticsFoldMs, log: say });
  const platform = componentSettings(process.env);
  if (platform) {
    const { code, tokens } = openPlatform({ db, masterKey: masterKey().key, settings: platform });
    fleets = startFleetReleases({ db, code, pollMs: settings.fleetReleasesMs, log: say });
    // With the development Mini Program set, this runtime's template joins the library once (the first worker to
    // claim it uploads; the others find it claimed or added). A failure is logged: `npm run platform:template` retries.
    const developer = templateDeveloperSettings(process.env);
    if (developer) {
      ensurePlatformTemplate({ db, tokens, developer, wechat: wechatConnection(process.env), log: say }).then(
        (outcome) => say(`platform template ${outcome.userVersion}: ${outcome.status}`),
        (error: unknown) => say(`platform template: ${(error as Error).message}`),
      );
    }
  }
} catch (error) {
  // A setting is wrong or missing: say which, without a stack.
  console.error(`[worker] cannot start: ${(error as Error).message}`);
  process.exit(1);
}
say(`ready (${worker.id})`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  say("stopping: a build in progress gets 20 s to finish, then goes back to the queue");
  await Promise.all([worker.stop(20_000), orderTimers.stop(), analyticsFold.stop(), fleets?.stop()]);
  await db.disconnect();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
