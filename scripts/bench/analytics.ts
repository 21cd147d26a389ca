// `npm run bench:analytics`: analytics on an embedded PostgreSQL.
// 1. Ingestion: one shop-api process (its own, with its limits raised so the process is measured, not the limits)
//    takes analytics reports of 20 events each, every report another visitor, from 20 connections. Three runs;
//    prints events recorded per second (median), latency, and shop-api's CPU per report.
// 2. The overview: a store with 1,000,000 events and 100,000 orders over 90 days (seeded with generate_series, the
//    day tables then built by the product's own rebuild and fold), read as the 数据 page reads it. Prints p50 and p95
//    over 60 reads for a 7-, 30- and 90-day range. Target: p95 <= 300 ms for the 30-day range.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { addDays, eachDay, shanghaiToday } from "@kaidian/analytics";
import { foldStore, readOverview, rebuildViewDays } from "@kaidian/analytics/server";
import { Database } from "@kaidian/db";
import { applyMigrations, freePort, startEmbeddedPostgres } from "@kaidian/db/server";
import { arrangeStore } from "@kaidian/storefront/testing";
import pg from "pg";

type Result = { duration: number; requests: { total: number }; latency: { p50: number; p99: number }; errors: number; non2xx: number };
const autocannon = createRequire(import.meta.url)("autocannon") as (options: object) => Promise<Result>;

const root = path.resolve(import.meta.dirname, "../..");
const EVENTS_PER_REPORT = 20;
const REPORTS = 3000;
const CONNECTIONS = 20;
const SEEDED_EVENTS = 1_000_000;
const SEEDED_ORDERS = 100_000;
const SEEDED_DAYS = 90;
const READS = 60;

const say = (line: string) => console.log(line);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;

const dataDir = await mkdtemp(path.join(os.tmpdir(), "kaidian-bench-analytics-"));
const server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
await applyMigrations(server.url);
const db = new Database(server.url, { maxConnections: 4 });
const admin = new pg.Pool({ connectionString: server.url, max: 2 });
let child: ChildProcess | undefined;

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
      LOG_LEVEL: "warn",
      KAIDIAN_MASTER_KEY: randomBytes(32).toString("base64"),
      SHOP_API_CLIENT_REPORTS_PER_SECOND: "1000000",
      SHOP_API_STORE_REPORTS_PER_SECOND: "1000000",
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

async function ingestion(url: string, tenantId: string) {
  const items = Array.from({ length: 50 }, () => randomUUID());
  const report = () =>
    JSON.stringify({
      visitorId: randomUUID(),
      events: Array.from({ length: EVENTS_PER_REPORT }, (_, i) =>
        i % 4 === 0 ? { kind: "itemView", page: "pages/item/index", itemId: items[Math.floor(Math.random() * items.length)], ageMs: i * 1000 } : { kind: "pageView", page: "pages/home/index", ageMs: i * 1000 },
      ),
    });
  const rates: number[] = [];
  say(`Ingestion: ${REPORTS} reports of ${EVENTS_PER_REPORT} events, ${CONNECTIONS} connections, one shop-api process`);
  // Warm-up: the store into the cache, the connections opened, the JIT warm.
  await autocannon({ url, connections: CONNECTIONS, amount: 300, requests: [{ method: "POST", path: `/api/mp/v1/${tenantId}/events`, setupRequest: (request: object) => ({ ...request, headers: { "Content-Type": "application/json" }, body: report() }) }] });
  for (let run = 1; run <= 3; run++) {
    const before = await cpuSeconds(child!.pid!);
    const result = await autocannon({
      url,
      connections: CONNECTIONS,
      amount: REPORTS,
      requests: [{ method: "POST", path: `/api/mp/v1/${tenantId}/events`, setupRequest: (request: object) => ({ ...request, headers: { "Content-Type": "application/json" }, body: report() }) }],
    });
    const cpu = (await cpuSeconds(child!.pid!)) - before;
    const ok = result.requests.total - result.non2xx - result.errors;
    const rate = (ok * EVENTS_PER_REPORT) / result.duration;
    rates.push(rate);
    say(`  run ${run}: ${rate.toFixed(0)} events/s (${ok} reports accepted, ${result.non2xx + result.errors} not), latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, shop-api CPU ${((cpu * 1000) / REPORTS).toFixed(2)} ms per report`);
  }
  const [{ events }] = (await admin.query("SELECT count(*)::int AS events FROM analytics_events WHERE tenant_id = $1", [tenantId])).rows;
  const [{ summed }] = (await admin.query("SELECT (sum(page_views) + sum(item_views))::int AS summed FROM analytics_days WHERE tenant_id = $1", [tenantId])).rows;
  say(`  median: ${median(rates).toFixed(0)} events/s; ${events} events recorded, the day tables count ${summed} (${events === summed ? "equal" : "NOT EQUAL"}); load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`);
  if (events !== summed) process.exitCode = 1;
}

/** 1M events and 100k orders over SEEDED_DAYS days ending now, in a few statements. */
async function seedLargeStore(tenantId: string) {
  const started = performance.now();
  const span = `${SEEDED_DAYS} days`;
  // A session is five events of one visitor; 60,000 visitors come back over the days. A fifth are item views of 500 items.
  await admin.query(
    `INSERT INTO analytics_events (tenant_id, at, visitor_id, shopper_id, kind, page, item_id)
     SELECT $1, now() - interval '${span}' + (g::float8 / $2) * interval '${span}', md5('v' || ((g / 5) % 60000))::uuid, NULL,
       CASE WHEN g % 5 = 4 THEN 'itemView' ELSE 'pageView' END, CASE WHEN g % 5 = 4 THEN 'pages/item/index' ELSE 'pages/home/index' END,
       CASE WHEN g % 5 = 4 THEN md5('i' || (g % 500))::uuid END
     FROM generate_series(0, $2 - 1) g`,
    [tenantId, SEEDED_EVENTS],
  );
  await admin.query(`INSERT INTO shoppers (tenant_id, id, openid) SELECT $1, md5('s' || g)::uuid, 'o' || g FROM generate_series(0, 29999) g`, [tenantId]);
  // 85% paid a minute after being placed; one line each.
  await admin.query(
    `INSERT INTO orders (tenant_id, id, number, shopper_id, status, delivery, subtotal_fen, delivery_fee_fen, total_fen, paid_fen, payment_no, paid_at, expires_at, created_at, updated_at)
     SELECT $1, md5('o' || g)::uuid, 'B' || g, md5('s' || (g % 30000))::uuid, CASE WHEN g % 20 < 17 THEN 'paid' ELSE 'cancelled' END, 'express',
       1000 * (1 + g % 3), 0, 1000 * (1 + g % 3), CASE WHEN g % 20 < 17 THEN 1000 * (1 + g % 3) ELSE 0 END, 'BENCH' || g,
       CASE WHEN g % 20 < 17 THEN t + interval '1 minute' END, t + interval '15 minutes', t, now() - interval '1 hour'
     FROM generate_series(0, $2 - 1) g, LATERAL (SELECT now() - interval '${span}' + (g::float8 / $2) * interval '${span}' AS t) at`,
    [tenantId, SEEDED_ORDERS],
  );
  await admin.query(
    `INSERT INTO order_lines (tenant_id, order_id, position, item_id, kind, title, quantity, unit_price_fen, line_total_fen)
     SELECT $1, md5('o' || g)::uuid, 0, md5('i' || (g % 500))::uuid, 'product', '商品 ' || (g % 500), 1 + g % 3, 1000, 1000 * (1 + g % 3)
     FROM generate_series(0, $2 - 1) g`,
    [tenantId, SEEDED_ORDERS],
  );
  await admin.query("ANALYZE");
  const seeded = performance.now();
  const days = eachDay({ from: addDays(shanghaiToday(), -SEEDED_DAYS - 1), to: shanghaiToday() });
  await rebuildViewDays(db, tenantId, days);
  const viewsBuilt = performance.now();
  await foldStore(db, tenantId, new Date(0), new Date());
  const folded = performance.now();
  await admin.query("ANALYZE");
  say(`  seeded in ${((seeded - started) / 1000).toFixed(1)} s; day tables built from the raw events in ${((viewsBuilt - seeded) / 1000).toFixed(1)} s, orders folded in ${((folded - viewsBuilt) / 1000).toFixed(1)} s`);
  const rows = (await admin.query("SELECT (SELECT count(*) FROM analytics_day_visitors WHERE tenant_id = $1)::int AS visitor_days, (SELECT count(*) FROM analytics_days WHERE tenant_id = $1)::int AS days", [tenantId])).rows[0];
  say(`  day tables: ${rows.days} days, ${rows.visitor_days} visitor-days`);
}

async function overview(tenantId: string) {
  say(`Overview: a store with ${SEEDED_EVENTS.toLocaleString("en")} events and ${SEEDED_ORDERS.toLocaleString("en")} orders over ${SEEDED_DAYS} days`);
  await seedLargeStore(tenantId);
  const today = shanghaiToday();
  for (const length of [7, 30, 90]) {
    const range = { from: addDays(today, -(length - 1)), to: today };
    await readOverview(db, tenantId, range);
    const times: number[] = [];
    let figures = { visitors: 0, paidOrders: 0 };
    for (let i = 0; i < READS; i++) {
      const started = performance.now();
      const read = await readOverview(db, tenantId, range);
      times.push(performance.now() - started);
      figures = read.totals;
    }
    say(`  ${length}-day range: p50 ${median(times).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms over ${READS} reads (${figures.visitors} visitors, ${figures.paidOrders} paid orders)${length === 30 ? " (target: p95 <= 300 ms)" : ""}`);
  }
}

try {
  const small = await arrangeStore(db, { name: "上报", templateId: "ecommerce", publish: true });
  const large = await arrangeStore(db, { name: "大店", templateId: "ecommerce" });
  const url = await startShopApi();
  await ingestion(url, small);
  await overview(large);
} finally {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
  await admin.end();
  await db.disconnect();
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}
