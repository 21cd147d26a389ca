// `npm start`: the whole product on one machine. Opens the database (embedded PostgreSQL under .data/ unless
// DATABASE_URL is set), applies committed migrations, seeds the demo data, starts the shoppers' API (shop-api, on
// SHOP_API_PORT), builds the dashboard and serves it, with publishing workers beside it (KAIDIAN_WORKERS, default 1).
import { type ChildProcess, spawn } from "node:child_process";
import { componentSettings } from "@kaidian/wechat/open-platform";
import net from "node:net";
import path from "node:path";
import { parseTrustedProxies } from "@kaidian/client-address";
import { tileServer } from "@kaidian/maps";
import type { DatabaseServer } from "@kaidian/db/server";
import { masterKey } from "@kaidian/secrets";
import { WORKER_NODE_ARGS } from "../apps/worker/src/command";
import { openProductDatabase, root } from "./product-database";

const env = process.env;
const port = Number(env.PORT ?? 3000);
const shopApiPort = Number(env.SHOP_API_PORT ?? 3001);

const say = (line: string) => console.log(`[kaidian] ${line}`);

function fail(message: string): never {
  console.error(`\n[kaidian] Start stopped: ${message}\n`);
  process.exit(1);
}

async function assertPortFree(candidate: number, setting: string) {
  await new Promise<void>((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => fail(`port ${candidate} is already in use (is Kaidian already running?). Set ${setting} to use another.`));
    probe.listen(candidate, () => probe.close(() => resolve()));
  });
}

function run(command: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(command, args, { cwd: root, env: { ...env, ...extraEnv, NEXT_TELEMETRY_DISABLED: "1", TURBO_TELEMETRY_DISABLED: "1" }, stdio: "inherit" });
}

function finished(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

async function main() {
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`PORT must be a port number (got "${env.PORT}")`);
  if (!Number.isInteger(shopApiPort) || shopApiPort < 1 || shopApiPort > 65535 || shopApiPort === port) {
    fail(`SHOP_API_PORT must be a port number other than PORT (got "${env.SHOP_API_PORT}")`);
  }
  const workerCount = Number(env.KAIDIAN_WORKERS ?? 1);
  if (!Number.isInteger(workerCount) || workerCount < 0 || workerCount > 16) fail(`KAIDIAN_WORKERS must be a number from 0 to 16 (got "${env.KAIDIAN_WORKERS}")`);
  await assertPortFree(port, "PORT");
  await assertPortFree(shopApiPort, "SHOP_API_PORT");
  try {
    parseTrustedProxies(env.TRUSTED_PROXIES);
    tileServer(env);
    componentSettings(env);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  try {
    const { source } = masterKey({ ...env, KAIDIAN_DATA_DIR: path.resolve(root, env.KAIDIAN_DATA_DIR ?? ".data") });
    if (source !== "environment" && source.created) {
      say(`created the master key that seals merchants' upload keys: ${path.relative(root, source.file)} (back it up with the database; set KAIDIAN_MASTER_KEY on servers)`);
    }
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }

  let database: DatabaseServer;
  let logins: string | undefined;
  try {
    const opened = await openProductDatabase();
    database = opened.server;
    logins = opened.demoLogins;
    say(`database: ${database.describe}`);
    say(opened.migrations.length ? `applied migrations: ${opened.migrations.join(", ")}` : "database schema is up to date");
    if (logins) say("demo data ready");
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }

  let web: ChildProcess | undefined;
  let shopApi: ChildProcess | undefined;
  const workers: ChildProcess[] = [];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    // Workers hand a build in progress back to the queue (or finish it) and shop-api finishes the requests in
    // flight before the database goes away.
    const children = [web, shopApi, ...workers].filter((child): child is ChildProcess => child !== undefined && child.exitCode === null);
    for (const child of children) child.kill("SIGTERM");
    await Promise.all(children.map(finished));
    await database.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));

  // The shoppers' API: what built Mini Programs call (SHOP_API_PUBLIC_URL in front of it) and what the dashboard
  // passes /api/mp/v1 on to.
  const shopApiEnv = { DATABASE_URL: database.url, SHOP_API_PORT: String(shopApiPort), NODE_ENV: "production" };
  shopApi = run(process.execPath, ["--import", "tsx", "apps/shop-api/src/main.ts"], shopApiEnv);
  shopApi.on("exit", (code) => void stop(code ?? 1));
  await waitForHttp(`http://127.0.0.1:${shopApiPort}/readyz`, "shop-api");

  say("building the dashboard (cached when nothing changed)…");
  const built = await finished(run("npx", ["turbo", "run", "build", "--filter=@kaidian/builder", "--output-logs=errors-only"]));
  if (built !== 0) {
    console.error("\n[kaidian] Start stopped: the dashboard build failed (see above).\n");
    await stop(1);
  }

  // Node runs the web server directly (not through npx), so stopping this process really stops it. It is Next behind
  // our own step that settles each request's client address (apps/builder/src/web-server.ts).
  web = run(process.execPath, ["--import", "tsx", "apps/builder/src/web-server.ts"], {
    DATABASE_URL: database.url,
    NODE_ENV: "production",
    PORT: String(port),
    SHOP_API_INTERNAL_URL: env.SHOP_API_INTERNAL_URL || `http://127.0.0.1:${shopApiPort}`,
  });
  web.on("exit", (code) => void stop(code ?? 1));
  await waitForHttp(`http://localhost:${port}/sign-in`, "the dashboard");
  for (let i = 0; i < workerCount; i++) {
    const worker = run(process.execPath, WORKER_NODE_ARGS, { DATABASE_URL: database.url, SHOP_API_PORT: String(shopApiPort), NODE_ENV: "production" });
    worker.on("exit", (code) => void stop(code ?? 1));
    workers.push(worker);
  }
  say(`Kaidian is running on http://localhost:${port} with ${workerCount} publishing worker(s); shop-api on http://localhost:${shopApiPort}`);
  if (!env.SHOP_API_PUBLIC_URL?.startsWith("https://")) {
    say("SHOP_API_PUBLIC_URL is not an https address: uploads to WeChat stay blocked until it is (see README)");
  }
  if (logins) console.log(`\n${logins}\n`);
}

async function waitForHttp(url: string, what: string) {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  fail(`${what} did not answer on ${url} within a minute.`);
}

await main();
