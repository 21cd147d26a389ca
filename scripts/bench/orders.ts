// `npm run bench:orders`: a flash sale. 1,000 logged-in shoppers at 100 connections each order one unit of an item
// with 100 in stock, through a real shop-api process on an embedded PostgreSQL. Exactly 100 orders must be placed,
// none oversold, and the other 900 told it is sold out. Prints order requests answered per second, orders placed
// per second, and the latency (p50, p99) of all 1,000 requests. Targets on this machine: >= 300 orders/s,
// p99 <= 250 ms. autocannon runs here; shop-api runs in a process of its own with its default limits.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { Database } from "@kaidian/db";
import { applyMigrations, freePort, startEmbeddedPostgres } from "@kaidian/db/server";
import { ShopperTokens } from "@kaidian/orders/server";
import { arrangeProduct, arrangeTradingStore } from "@kaidian/orders/testing";
import { arrangeServiceProvider, startFakeWechatPay } from "@kaidian/payments/testing";
import pg from "pg";

type Result = { duration: number; latency: { p50: number; p99: number }; errors: number; timeouts: number };
type Request = { method: string; path: string; headers: Record<string, string>; body: string };
const autocannon = createRequire(import.meta.url)("autocannon") as (options: object) => Promise<Result>;

const root = path.resolve(import.meta.dirname, "../..");
const SHOPPERS = 1000;
const CONNECTIONS = 100;
const STOCK = 100;
const PRICE_FEN = 9900;

const dataDir = await mkdtemp(path.join(os.tmpdir(), "kaidian-bench-orders-"));
const server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
await applyMigrations(server.url);
const db = new Database(server.url, { maxConnections: 4 });
const admin = new pg.Pool({ connectionString: server.url, max: 2 });
const masterKey = randomBytes(32);
// WeChat Pay, with the platform's service-provider account the store takes payment through.
const pay = await startFakeWechatPay();
const serviceProvider = await arrangeServiceProvider(pay);
let child: ChildProcess | undefined;

const say = (line: string) => console.log(line);

/**
 * CPU seconds a process has used (user + system, from /proc). On a shared, loaded machine the wall-clock figures
 * swing with the neighbours; CPU per request does not, and says what one idle core would serve.
 */
async function cpuSeconds(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function startShopApi(): Promise<string> {
  const port = await freePort();
  child = spawn(process.execPath, ["--import", "tsx", "apps/shop-api/src/main.ts"], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: server.url,
      SHOP_API_PORT: String(port),
      SHOP_API_HOST: "127.0.0.1",
      NODE_ENV: "production",
      KAIDIAN_MASTER_KEY: masterKey.toString("base64"),
      SHOP_API_PUBLIC_URL: `http://127.0.0.1:${port}`,
      ...serviceProvider.env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error("shop-api exited");
    if ((await fetch(`${url}/readyz`).catch(() => null))?.ok) return url;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("shop-api did not answer");
}

/**
 * The sale's second half: WeChat Pay takes every placed order's money and notifies shop-api, each notification
 * then replayed once, as WeChat Pay resends; every order must end paid exactly once.
 */
async function payPlacedOrders(tenantId: string): Promise<boolean> {
  const { rows } = await admin.query<{ payment_no: string }>("SELECT payment_no FROM orders WHERE tenant_id = $1", [tenantId]);
  const started = Date.now();
  const notifications = rows.map((row) => pay.pay(row.payment_no).notificationId);
  await pay.idle();
  const replays = await Promise.all(notifications.map((id) => pay.replayNotification(id)));
  const [counts] = (
    await admin.query<{ paid: number; pay_events: number }>(
      `SELECT (SELECT count(*)::int FROM orders WHERE tenant_id = $1 AND status = 'paid' AND paid_fen = total_fen) AS paid,
              (SELECT count(*)::int FROM order_events WHERE tenant_id = $1 AND action = 'pay') AS pay_events`,
      [tenantId],
    )
  ).rows as [{ paid: number; pay_events: number }];
  say(`  paid through the fake WeChat Pay: ${counts.paid} of ${rows.length} orders paid, ${counts.pay_events} payments recorded (${counts.pay_events - counts.paid} counted twice) in ${((Date.now() - started) / 1000).toFixed(2)} s; every notification replayed once, answered ${[...new Set(replays)].join(", ")}`);
  return counts.paid === rows.length && counts.pay_events === rows.length;
}

try {
  say(`orders benchmark: ${os.cpus().length} cores, Node ${process.version}; ${SHOPPERS} shoppers, ${CONNECTIONS} connections, ${STOCK} in stock`);
  const store = await arrangeTradingStore(db, { name: "秒杀小店", masterKey, serviceProvider });
  const item = await arrangeProduct(db, store.tenantId, { title: "限量款", priceFen: PRICE_FEN, stock: STOCK });
  const { rows: shoppers } = await admin.query<{ id: string }>(
    "INSERT INTO shoppers (tenant_id, openid) SELECT $1, 'bench-' || i FROM generate_series(1, $2) AS i RETURNING id",
    [store.tenantId, SHOPPERS],
  );
  const tokens = new ShopperTokens(masterKey);
  const bearers = shoppers.map((shopper) => tokens.issue(store.tenantId, shopper.id).token);
  const url = await startShopApi();
  // The store is read once into the process's cache, as any first shopper would.
  if (!(await fetch(`${url}/api/mp/v1/${store.tenantId}/ordering`)).ok) throw new Error("the store is not live");

  const body = JSON.stringify({
    lines: [{ itemId: item.id, skuOptions: item.options[0], quantity: 1, seenUnitPriceFen: PRICE_FEN }],
    delivery: { method: "express", address: { name: "王小明", phone: "13800000000", province: "浙江省", city: "杭州市", detail: "文三路 1 号" } },
  });
  let next = 0;
  const answers = new Map<number, number>();
  const soldOutWords = new Set<string>();
  let lastPlacedAt = 0;
  const cpuBefore = await cpuSeconds(child!.pid!);
  const started = Date.now();
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    amount: SHOPPERS,
    requests: [
      {
        method: "POST",
        path: `/api/mp/v1/${store.tenantId}/orders`,
        // Each request is another shopper, with a key of its own.
        setupRequest: (request: Request) => ({
          ...request,
          headers: { "Content-Type": "application/json", Authorization: `Bearer ${bearers[next++ % SHOPPERS]}`, "Idempotency-Key": randomUUID() },
          body,
        }),
        onResponse: (status: number, text: string) => {
          answers.set(status, (answers.get(status) ?? 0) + 1);
          if (status === 201) lastPlacedAt = Date.now();
          if (status === 409) {
            const refusal = (JSON.parse(text) as { error: { refusals?: { code: string; left: number; message: string }[] } }).error.refusals?.[0];
            soldOutWords.add(refusal && refusal.code === "notEnoughStock" && refusal.left === 0 ? refusal.message : `unclear: ${text}`);
          }
        },
      },
    ],
  });

  const shopApiCpu = (await cpuSeconds(child!.pid!)) - cpuBefore;
  const [{ placed, units, stock }] = (
    await admin.query<{ placed: number; units: number; stock: number }>(
      `SELECT (SELECT count(*)::int FROM orders WHERE tenant_id = $1) AS placed,
              (SELECT coalesce(sum(quantity), 0)::int FROM order_lines WHERE item_id = $2) AS units,
              (SELECT (details #>> '{skus,0,stock}')::int FROM catalog_items WHERE id = $2) AS stock`,
      [store.tenantId, item.id],
    )
  ).rows as [{ placed: number; units: number; stock: number }];
  const seconds = result.duration;
  say(`  answers: ${[...answers].sort().map(([status, count]) => `${count} × ${status}`).join(", ")}; errors ${result.errors + result.timeouts}`);
  say(`  placed ${placed} orders for ${units} units; stock left ${stock}; oversold ${Math.max(0, units - STOCK)}`);
  say(`  sold-out answers say: ${[...soldOutWords].join(" | ")}`);
  say(`  order requests answered: ${(SHOPPERS / seconds).toFixed(0)}/s over ${seconds.toFixed(2)} s`);
  say(`  orders placed: ${(placed / ((lastPlacedAt - started) / 1000)).toFixed(0)}/s (the ${placed} in ${((lastPlacedAt - started) / 1000).toFixed(2)} s)`);
  say(`  shop-api CPU: ${((shopApiCpu * 1000) / SHOPPERS).toFixed(2)} ms per order request (${shopApiCpu.toFixed(2)} s in all); load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`);
  say(`  latency of all ${SHOPPERS} requests: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms (targets: >= 300 orders/s, p99 <= 250 ms)`);
  const right = placed === STOCK && units === STOCK && stock === 0 && answers.get(201) === STOCK && answers.get(409) === SHOPPERS - STOCK && soldOutWords.size === 1;
  say(right ? "  exactly the stock sold; every other shopper told it is sold out" : "  WRONG: the sale did not end as it must");
  const paid = await payPlacedOrders(store.tenantId);
  if (!right || !paid) process.exitCode = 1;
} finally {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
  await admin.end();
  await db.disconnect();
  await pay.close();
  await serviceProvider.dispose();
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}
