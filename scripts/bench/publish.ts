// `npm run bench:publish [-- --stores N]`: bulk-publishes N stores (20 by default) on the upload-key path through
// real worker processes to the fake WeChat CI service, once with 1 worker and once with 2, and prints stores per
// minute, CPU-seconds per store and the peak memory of a worker (each with the miniprogram-ci processes it starts).
// Every build generates and uploads for real (each round gets fresh stores, so none reuses another's package), on the
// runtime `npm run build` precompiled. CPU is the workers' own and their children's (from /proc), divided by the
// stores; the fake WeChat's share (checking every file it receives) is printed beside it. Runs on a scratch embedded
// PostgreSQL; nothing of the product's data.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { Database } from "@kaidian/db";
import { applyMigrations, freePort, startEmbeddedPostgres } from "@kaidian/db/server";
import { agencyOf } from "@kaidian/tenancy";
import { startBatch, readBatch } from "@kaidian/publishing";
import { arrangePublishableStore } from "@kaidian/publishing/testing";
import { startFakeWechatCi, testUploadKey } from "@kaidian/wechat/testing";
import type { TemplateId } from "@kaidian/templates";
import { root } from "../product-database";

const { values } = parseArgs({ options: { stores: { type: "string", default: "20" } } });
const storeCount = Number(values.stores);
if (!Number.isInteger(storeCount) || storeCount < 1 || storeCount > 100) {
  console.error("Usage: npm run bench:publish -- [--stores N]  (1 to 100, default 20)");
  process.exit(2);
}

const TEMPLATES: TemplateId[] = ["ecommerce", "hotel", "restaurant"];
const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
const scratch = await mkdtemp(path.join(os.tmpdir(), "kaidian-bench-publish-"));
const dataDir = await mkdtemp(path.join(os.tmpdir(), "kaidian-bench-db-"));
const server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
const fake = await startFakeWechatCi({ dir: scratch });
const db = new Database(server.url, { maxConnections: 6 });
const masterKey = randomBytes(32);
const key = testUploadKey();

try {
  await applyMigrations(server.url);
  const publisher = await arrangePublisher(db);
  console.log(`Kaidian publishing benchmark: ${storeCount} stores a round, Node ${process.version}, ${os.cpus().length} cores\n`);
  const results = [];
  for (const workers of [1, 2]) results.push(await round(workers, publisher));
  console.log("workers   stores   wall time   stores/min   CPU-s/store (workers + fake)   median build   peak memory per worker   failed");
  for (const r of results) {
    console.log(
      `${String(r.workers).padEnd(10)}${String(r.stores).padEnd(9)}${`${r.seconds.toFixed(1)} s`.padEnd(12)}${r.perMinute.toFixed(1).padEnd(13)}` +
        `${`${r.cpuPerStore.toFixed(2)} + ${r.fakeCpuPerStore.toFixed(2)}`.padEnd(31)}${`${r.medianBuild.toFixed(2)} s`.padEnd(15)}${`${r.peakMb.toFixed(0)} MB`.padEnd(25)}${r.failed}`,
    );
  }
  console.log(`\n2 workers vs 1: ${(results[1]!.perMinute / results[0]!.perMinute).toFixed(2)}× the stores per minute`);
} finally {
  await fake.close();
  await db.disconnect();
  await server.stop();
  await rm(scratch, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
}

async function round(workers: number, publisher: Awaited<ReturnType<typeof arrangePublisher>>) {
  const stores = [];
  for (let i = 0; i < storeCount; i++) {
    const store = await arrangePublishableStore(db, {
      templateId: TEMPLATES[i % TEMPLATES.length]!,
      privateKey: key.privateKey,
      masterKey,
      agencyId: publisher.membership.agency.id,
      name: `压测店 ${workers}-${i + 1}`,
    });
    fake.registerApp({ appid: store.appid, publicKey: key.publicKey });
    stores.push(store.tenantId);
  }
  const processes = Array.from({ length: workers }, () => startWorkerProcess());
  const memory = sampleMemory(processes);
  try {
    await new Promise((r) => setTimeout(r, 3_000)); // the workers load before the clock starts
    const started = performance.now();
    const cpuBefore = processes.map(processCpuSeconds);
    const fakeCpuBefore = process.cpuUsage();
    const batch = await startBatch(db, publisher, { version: `bench-${workers}`, description: "benchmark", concurrency: workers, stores }, "127.0.0.1");
    let view = await readBatch(db, publisher, batch.id);
    while (view.counts.QUEUED + view.counts.RUNNING > 0) {
      await new Promise((r) => setTimeout(r, 250));
      view = await readBatch(db, publisher, batch.id);
    }
    const seconds = (performance.now() - started) / 1000;
    const cpuSeconds = processes.map(processCpuSeconds).reduce((sum, after, index) => sum + after - cpuBefore[index]!, 0);
    // This process runs the fake WeChat (and polls the batch, a little).
    const fakeCpu = process.cpuUsage(fakeCpuBefore);
    const durations = await db.buildQueue((tx) =>
      tx.build.findMany({ where: { batchId: batch.id }, select: { startedAt: true, finishedAt: true } }),
    );
    const builds = durations.map((b) => (b.finishedAt!.getTime() - b.startedAt!.getTime()) / 1000).sort((a, b) => a - b);
    return {
      workers,
      stores: storeCount,
      seconds,
      perMinute: storeCount / (seconds / 60),
      medianBuild: builds[Math.floor(builds.length / 2)] ?? 0,
      peakMb: memory.stop() / 1024,
      cpuPerStore: cpuSeconds / storeCount,
      fakeCpuPerStore: (fakeCpu.user + fakeCpu.system) / 1e6 / storeCount,
      failed: view.counts.FAILED,
    };
  } finally {
    memory.stop();
    await Promise.all(processes.map(stopProcess));
  }
}

async function arrangePublisher(database: Database) {
  const userId = await database.scoped({}, async (tx) => {
    const agency = await tx.agency.create({ data: { name: "压测代理", slug: `bench-${Date.now()}` }, select: { id: true } });
    const user = await tx.user.create({ data: { email: `bench-${Date.now()}@example.test`, name: "压测", passwordHash: "x" }, select: { id: true } });
    await tx.agencyMember.create({ data: { agencyId: agency.id, userId: user.id, role: "PUBLISHER" } });
    return user.id;
  });
  return { userId, membership: (await agencyOf(database, userId))! };
}

function startWorkerProcess(): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "apps/worker/src/main.ts"], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: server.url,
      KAIDIAN_MASTER_KEY: masterKey.toString("base64"),
      KAIDIAN_MEDIA_DIR: path.join(scratch, "storage"),
      WECHAT_CI_PROXY: fake.proxyUrl,
      WECHAT_CI_CA_FILE: fake.caFile,
      KAIDIAN_POLL_MS: "200",
    },
    stdio: "ignore",
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/**
 * CPU-seconds a worker has used, with those of its children that have exited (its miniprogram-ci processes), from
 * /proc/<pid>/stat (Linux): utime, stime, cutime and cstime, in clock ticks.
 */
function processCpuSeconds(child: ChildProcess): number {
  const stat = readFileSync(`/proc/${child.pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ").map(Number);
  const ticks = fields[11]! + fields[12]! + fields[13]! + fields[14]!;
  return ticks / CLOCK_TICKS;
}

/** Samples the resident memory of each worker with all its descendants; stop() gives the peak of any one, in KB. */
function sampleMemory(processes: ChildProcess[]): { stop(): number } {
  let peak = 0;
  const sample = () => {
    const table = execFileSync("ps", ["-e", "-o", "pid=,ppid=,rss="], { encoding: "utf8" })
      .trim()
      .split("\n")
      .map((line) => line.trim().split(/\s+/).map(Number) as [number, number, number]);
    for (const child of processes) {
      if (child.pid === undefined) continue;
      const tree = new Set([child.pid]);
      for (let grew = true; grew; ) {
        grew = false;
        for (const [pid, ppid] of table) if (tree.has(ppid) && !tree.has(pid)) (tree.add(pid), (grew = true));
      }
      peak = Math.max(peak, table.filter(([pid]) => tree.has(pid)).reduce((sum, [, , rss]) => sum + rss, 0));
    }
  };
  const timer = setInterval(sample, 200);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}
