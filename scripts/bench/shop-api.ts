// `npm run bench:shop-api`: the shoppers' API under load, on one embedded PostgreSQL, in one run:
//   1. /site and the first /catalog page of a demo store, from shop-api and from a bare node:http server answering
//      the same bytes, at 10 and 50 connections (req/s, p50, p99, errors, the ratio between the two, and each
//      server's CPU time per request, which a machine busy with other work disturbs less than latency), the two
//      servers loaded in turns so that the machine's drift falls on both;
//   2. the first /catalog page of stores with 10, 1,000 and 10,000 items (page latency must not grow with size);
//   3. a cache miss: the first answer after a publish (p50/p99 over repeated publishes);
//   4. the peak RSS of one shop-api process serving 1,000 stores.
// autocannon runs here; shop-api and the bare server run in processes of their own. BENCH_SECONDS shortens the runs.
import { type ChildProcess, spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Database } from "@kaidian/db";
import { freePort } from "@kaidian/db/server";
import { editDraft, openDraft, publishDraft } from "@kaidian/design";
import { addSampleContent, publishConfigVersion } from "@kaidian/storefront";
import pg from "pg";
import { seedDemo } from "../../prisma/seed";
import { median, percentile } from "./stats";
import { autocannon, benchDatabase, type LoadResult, say, type ShopApiProcess, startShopApiProcess, waitForAnswer } from "./support";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = [10, 50];
/** Part 1's turns per server (SECONDS in all each). */
const ROUNDS = 4;
const MISS_ROUNDS = 30;
const STORES_FOR_MEMORY = Number(process.env.BENCH_STORES ?? 1000);

const server = await benchDatabase("shop-api");
const db = new Database(server.url, { maxConnections: 8 });
const admin = new pg.Pool({ connectionString: server.url, max: 4 });
await seedDemo(db);
const children: ChildProcess[] = [];
const shopApis: ShopApiProcess[] = [];

async function createStore(name: string, items: number | null): Promise<string> {
  const { rows } = await admin.query<{ id: string }>(
    "INSERT INTO tenants (name, slug, template_id, updated_at) VALUES ($1, 'bench-' || gen_random_uuid(), 'ecommerce', now()) RETURNING id",
    [name],
  );
  const tenantId = rows[0]!.id;
  await db.scoped({ tenantId }, async (tx) => {
    await addSampleContent(tx, { tenantId, templateId: "ecommerce", storeName: name });
    await publishConfigVersion(tx, tenantId, 1);
  });
  if (items !== null) {
    await admin.query("DELETE FROM catalog_items WHERE tenant_id = $1", [tenantId]);
    await admin.query(
      `INSERT INTO catalog_items (tenant_id, kind, category_id, title, description, price_fen, position, updated_at)
       SELECT $1, 'PRODUCT', (SELECT id FROM catalog_categories WHERE tenant_id = $1 ORDER BY position LIMIT 1),
         '商品 ' || i, '一段商品描述，用来让每件商品有真实的大小。', 100 + i, i, now()
       FROM generate_series(1, $2) AS i`,
      [tenantId, items],
    );
  }
  return tenantId;
}

// Per-request logs are written, as in production; the limits are lifted because all load comes from one address.
async function startShopApi(): Promise<ShopApiProcess> {
  const shopApi = await startShopApiProcess(server.url, { SHOP_API_CLIENT_READS_PER_SECOND: "10000000", SHOP_API_STORE_READS_PER_SECOND: "10000000" });
  shopApis.push(shopApi);
  return shopApi;
}

// The bare baseline: node:http answering fixed bytes with the same headers, no routing, no cache, no logs.
const BARE_SERVER = `
const http = require("node:http");
const fs = require("node:fs");
const answers = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
const bodies = Object.fromEntries(Object.entries(answers).map(([path, a]) => [path, { body: Buffer.from(a.body, "base64"), etag: a.etag }]));
http.createServer((req, res) => {
  const answer = bodies[req.url];
  if (!answer) { res.writeHead(404); return res.end(); }
  res.writeHead(200, { "Content-Type": "application/json; charset=utf-8", ETag: answer.etag, "Cache-Control": "public, max-age=60, stale-while-revalidate=600", "Access-Control-Allow-Origin": "*" });
  res.end(answer.body);
}).listen(Number(process.argv[2]), "127.0.0.1");
`;

/** User plus system CPU seconds a process has used so far. */
async function cpuSeconds(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** A load run, and the CPU the server process spent per request during it (µs). */
type Measured = { result: LoadResult; cpuPerRequest: number };

/** A load run of `seconds`, measured. */
async function loadMeasured(url: string, connections: number, pid: number, seconds = SECONDS): Promise<Measured> {
  const before = await cpuSeconds(pid);
  const result = await load(url, connections, seconds);
  const requests = result.requests.average * seconds;
  return { result, cpuPerRequest: requests > 0 ? ((await cpuSeconds(pid)) - before) * 1e6 / requests : 0 };
}

/** Rounds' results as one line's figures: medians of req/s, p50, p99 and CPU, errors added up. */
function mediansOf(rounds: Measured[]): Measured {
  const result: LoadResult = {
    duration: rounds.reduce((sum, round) => sum + round.result.duration, 0),
    requests: { average: median(rounds.map((round) => round.result.requests.average)) },
    latency: { p50: median(rounds.map((round) => round.result.latency.p50)), p99: median(rounds.map((round) => round.result.latency.p99)) },
    errors: rounds.reduce((sum, round) => sum + round.result.errors, 0),
    timeouts: rounds.reduce((sum, round) => sum + round.result.timeouts, 0),
    non2xx: rounds.reduce((sum, round) => sum + round.result.non2xx, 0),
  };
  return { result, cpuPerRequest: median(rounds.map((round) => round.cpuPerRequest)) };
}

/**
 * shop-api and the bare server in turns, ROUNDS runs each of SECONDS / ROUNDS, in the order AB BA AB BA: whatever
 * else the machine does meanwhile falls on both alike. The ratio is the median of the rounds' ratios.
 */
async function sideBySide(ours: { url: string; pid: number }, bare: { url: string; pid: number }, connections: number) {
  const oursRounds: Measured[] = [];
  const bareRounds: Measured[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const turns = round % 2 === 0 ? ([ours, bare] as const) : ([bare, ours] as const);
    for (const server of turns) (server === ours ? oursRounds : bareRounds).push(await loadMeasured(server.url, connections, server.pid, SECONDS / ROUNDS));
  }
  const ratio = median(oursRounds.map((round, index) => round.result.requests.average / bareRounds[index]!.result.requests.average));
  const cpuRatio = median(oursRounds.map((round, index) => round.cpuPerRequest / bareRounds[index]!.cpuPerRequest));
  return { ours: mediansOf(oursRounds), bare: mediansOf(bareRounds), ratio, cpuRatio };
}

async function startBare(answers: Record<string, { body: string; etag: string }>): Promise<{ url: string; pid: number }> {
  const file = path.join(server.dataDir, "bare-answers.json");
  await writeFile(file, JSON.stringify(answers));
  const port = await freePort();
  const child = spawn(process.execPath, ["-e", BARE_SERVER, file, String(port)], { stdio: ["ignore", "ignore", "inherit"] });
  children.push(child);
  const url = `http://127.0.0.1:${port}`;
  await waitForAnswer(`${url}${Object.keys(answers)[0]}`, child);
  return { url, pid: child.pid! };
}

async function load(url: string, connections: number, seconds = SECONDS): Promise<LoadResult> {
  return autocannon({ url, connections, duration: seconds, pipelining: 1 });
}

const line = (label: string, r: LoadResult) =>
  `  ${label.padEnd(44)} ${r.requests.average.toFixed(0).padStart(7)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   errors ${r.errors + r.timeouts + r.non2xx}`;

try {
  say(`shop-api benchmark: ${os.cpus().length} cores, Node ${process.version}, ${SECONDS} s per run, autocannon in the benchmark process`);
  const demo = (await admin.query<{ id: string }>("SELECT id FROM tenants WHERE slug = 'shanye-coffee'")).rows[0]!.id;
  const sized = { 10: await createStore("十件", 10), 1000: await createStore("一千件", 1000), 10000: await createStore("一万件", 10000) };
  const shopApi = await startShopApi();

  // 1. Demo store against the bare server answering the same bytes.
  const paths = { site: `/api/mp/v1/${demo}/site`, catalog: `/api/mp/v1/${demo}/catalog?limit=20` };
  const answers: Record<string, { body: string; etag: string }> = {};
  for (const p of Object.values(paths)) {
    const response = await fetch(`${shopApi.url}${p}`);
    answers[p] = { body: Buffer.from(await response.arrayBuffer()).toString("base64"), etag: response.headers.get("etag") ?? "" };
  }
  const bare = await startBare(answers);
  say("\n1. Demo store (山野咖啡), shop-api vs a bare node:http server sending the same bytes");
  const cpu = (value: number) => `   cpu ${value.toFixed(0).padStart(4)} µs/req`;
  say(`   (each line: medians of ${ROUNDS} runs of ${SECONDS / ROUNDS} s taken in turns with the other server; the ratio is the median of the rounds' ratios)`);
  for (const [name, p] of Object.entries(paths)) {
    for (const connections of CONNECTIONS) {
      const { ours, bare: baseline, ratio, cpuRatio } = await sideBySide({ url: `${shopApi.url}${p}`, pid: shopApi.child.pid! }, { url: `${bare.url}${p}`, pid: bare.pid }, connections);
      say(line(`/${name} shop-api, ${connections} connections`, ours.result) + cpu(ours.cpuPerRequest));
      say(line(`/${name} bare node:http, ${connections} connections`, baseline.result) + cpu(baseline.cpuPerRequest));
      say(`  ${"".padEnd(44)} ratio shop-api / bare: ${ratio.toFixed(2)}× req/s, ${cpuRatio.toFixed(2)}× CPU per request`);
    }
  }

  // 2. The first page at three catalog sizes.
  say("\n2. First /catalog page (limit 20) by catalog size");
  for (const [size, tenantId] of Object.entries(sized)) {
    for (const connections of CONNECTIONS) {
      say(line(`${size.padStart(5)} items, ${connections} connections`, await load(`${shopApi.url}/api/mp/v1/${tenantId}/catalog?limit=20`, connections)));
    }
  }

  // 3. Cache misses: publish, let the notification land, then time the first answer (a fresh read of the store).
  say(`\n3. First answer after a publish (cache miss), ${MISS_ROUNDS} publishes per store`);
  const merchant = await db.scoped({}, (tx) => tx.user.create({ data: { email: `bench-${Date.now()}@example.test`, name: "压测", passwordHash: "unused" } }));
  for (const [size, tenantId] of Object.entries(sized)) {
    const times: number[] = [];
    for (let round = 0; round < MISS_ROUNDS; round++) {
      await db.scoped({ tenantId }, async (tx) => {
        const draft = await openDraft(tx, tenantId, merchant.id);
        const edited = await editDraft(tx, { tenantId, userId: merchant.id, number: draft.number, revision: draft.revision }, (config) => ({
          ...config,
          store: { ...config.store, name: `第 ${round} 版` },
        }));
        await publishDraft(tx, { tenantId, userId: merchant.id, number: edited.number, revision: edited.revision });
      });
      await new Promise((resolve) => setTimeout(resolve, 150));
      const started = performance.now();
      const response = await fetch(`${shopApi.url}/api/mp/v1/${tenantId}/catalog?limit=20`);
      await response.arrayBuffer();
      times.push(performance.now() - started);
    }
    say(`  ${`${size.padStart(5)} items`.padEnd(44)} p50 ${percentile(times, 50).toFixed(1).padStart(6)} ms   p99 ${percentile(times, 99).toFixed(1).padStart(6)} ms`);
  }

  // 4. Memory: a fresh process serving 1,000 stores' site, legacy catalog and first page.
  say(`\n4. Peak RSS of one shop-api process serving ${STORES_FOR_MEMORY} stores (site, first page, and the whole-list /catalog of old packages)`);
  const stores: string[] = [];
  // Four at a time: within the benchmark's database pool, however loaded the machine.
  for (let i = 0; i < STORES_FOR_MEMORY; i += 4) {
    stores.push(...(await Promise.all(Array.from({ length: Math.min(4, STORES_FOR_MEMORY - i) }, (_, j) => createStore(`店 ${i + j}`, null)))));
  }
  const fresh = await startShopApi();
  const rss = async () => {
    const status = await readFile(`/proc/${fresh.child.pid}/status`, "utf8");
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  };
  const idle = await rss();
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < stores.length; i += 20) {
      await Promise.all(
        stores.slice(i, i + 20).flatMap((tenantId) =>
          ["site", "catalog?limit=20", "catalog"].map(async (p) => {
            const response = await fetch(`${fresh.url}/api/mp/v1/${tenantId}/${p}`);
            if (!response.ok) throw new Error(`${p} answered ${response.status}`);
            await response.arrayBuffer();
          }),
        ),
      );
    }
  }
  const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
  say(`  peak RSS ${mib(await rss())} (started at ${mib(idle)}), ${stores.length} stores, every answer from memory on the second pass`);
} finally {
  for (const child of children) child.kill("SIGTERM");
  await Promise.all([...children.map((child) => (child.exitCode !== null ? null : new Promise((resolve) => child.once("exit", resolve)))), ...shopApis.map((shopApi) => shopApi.stop())]);
  await admin.end();
  await db.disconnect();
  await server.stop();
}
