// `npm run bench:publish [-- --stores N] [--fleet-stores M]`: bulk-publishes N stores (20 by default) on the upload-key
// path through real worker processes to the fake WeChat CI service, once with 1 worker and once with 2, and prints
// stores per minute, CPU-seconds per store and the peak memory of a worker (each with the miniprogram-ci processes it
// starts). Then the third-party platform path: the template package joins the fake open platform's library (uploaded
// through the fake CI as the development Mini Program's draft, then addtotemplate), and a fleet release of M
// authorised stores (200 by default) goes commit → audit → release through 2 worker processes, with WeChat's audit
// verdicts pushed to a shop-api process as WeChat pushes them; the same three figures, the shop-api's CPU beside.
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
import { FLEET_STORES_MAX, readBatch, readFleetRelease, refreshAuditStatus, startBatch, startFleetRelease } from "@kaidian/publishing";
import { ensurePlatformTemplate } from "@kaidian/publishing/worker";
import { wechatConnection } from "@kaidian/wechat/ci";
import { componentSettings, openPlatform } from "@kaidian/wechat/open-platform";
import { arrangePublishableStore } from "@kaidian/publishing/testing";
import { startFakeOpenPlatform, startFakeWechatCi, testUploadKey } from "@kaidian/wechat/testing";
import type { TemplateId } from "@kaidian/templates";
import { WORKER_NODE_ARGS } from "../../apps/worker/src/command";
import { root } from "../product-database";
import { startShopApiProcess } from "./support";

const { values } = parseArgs({ options: { stores: { type: "string", default: "20" }, "fleet-stores": { type: "string", default: "200" } } });
const storeCount = Number(values.stores);
const fleetStoreCount = Number(values["fleet-stores"]);
if (!Number.isInteger(storeCount) || storeCount < 1 || storeCount > 100 || !Number.isInteger(fleetStoreCount) || fleetStoreCount < 1 || fleetStoreCount > FLEET_STORES_MAX) {
  console.error(`Usage: npm run bench:publish -- [--stores N] [--fleet-stores M]  (N 1 to 100, default 20; M 1 to ${FLEET_STORES_MAX}, default 200)`);
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
  await fleetRound(publisher);
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
      tx.build.findMany({ where: { batchId: batch.id }, select: { startedAt: true, finishedAt: true, errorCode: true, errorParams: true } }),
    );
    const failures = [...new Set(durations.flatMap((b) => (b.errorCode ? [`${b.errorCode} ${JSON.stringify(b.errorParams ?? {})}`] : [])))];
    if (failures.length) console.log(`${workers} worker(s): builds failed with ${failures.join(", ")}`);
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

/**
 * The third-party platform path: the template joins the library, then one fleet release of `fleetStoreCount`
 * authorised stores (5% first, then the rest) through 2 worker processes; the bench answers every audit as WeChat's
 * reviewers would, and WeChat's pushes reach shop-api.
 */
async function fleetRound(publisher: Awaited<ReturnType<typeof arrangePublisher>>) {
  // Recording a fleet writes a row per store in one transaction, longer than Prisma's default 5 s on a loaded machine
  // for hundreds of stores: the dashboard's own Database has the same limit (see the report in docs/architecture.md).
  const fleetDb = new Database(server.url, { maxConnections: 2, transactionWaitMs: 300_000 });
  const openPlatformFake = await startFakeOpenPlatform();
  const shopApi = await startShopApiProcess(server.url, { KAIDIAN_MASTER_KEY: masterKey.toString("base64"), ...openPlatformFake.env });
  try {
    openPlatformFake.setEventUrl(`${shopApi.url}/wechat/component/events`);
    openPlatformFake.code.setMessageUrl(`${shopApi.url}/wechat/component/apps/$APPID$/events`);
    openPlatformFake.code.setAuditQuota(fleetStoreCount * 2);
    await openPlatformFake.pushTicket(`${shopApi.url}/wechat/component/events`);
    const platform = openPlatform({ db, masterKey, settings: componentSettings(openPlatformFake.env)! });

    // The template library: the development Mini Program's upload through the fake CI becomes a draft, then a template.
    const developer = { appid: `wx${randomBytes(8).toString("hex")}`, ...testUploadKey() };
    fake.registerApp({ appid: developer.appid, publicKey: developer.publicKey, draftBox: openPlatformFake.baseUrl });
    openPlatformFake.code.bindDeveloper(developer.appid);
    const templateStarted = performance.now();
    const added = await ensurePlatformTemplate({
      db,
      tokens: platform.tokens,
      developer: { appid: developer.appid, privateKey: developer.privateKey },
      wechat: wechatConnection({ WECHAT_CI_PROXY: fake.proxyUrl, WECHAT_CI_CA_FILE: fake.caFile }),
    });
    if (added.status !== "added") throw new Error(`the template did not join the library: ${added.status}`);
    const template = openPlatformFake.code.templates().find((entry) => entry.draftId === added.draftId)!;
    console.log(
      `\nThird-party platform: template ${added.userVersion} (runtime ${added.runtimeVersion}) uploaded as draft ${added.draftId} and added as template ${template.templateId} in ${((performance.now() - templateStarted) / 1000).toFixed(1)} s`,
    );

    const stores: string[] = [];
    const appids: string[] = [];
    for (let i = 0; i < fleetStoreCount; i++) {
      const store = await arrangePublishableStore(db, {
        templateId: TEMPLATES[i % TEMPLATES.length]!,
        privateKey: key.privateKey,
        masterKey,
        agencyId: publisher.membership.agency.id,
        name: `授权店 ${i + 1}`,
      });
      openPlatformFake.addMiniProgram(store.appid, `授权店 ${i + 1}`);
      const back = await openPlatformFake.approve((await platform.authorizations.links("https://bench.kaidian.test/back", { tenantId: store.tenantId, userId: store.userId })).computer, store.appid);
      await platform.authorizations.complete(store.tenantId, new URL(back).searchParams.get("auth_code")!, { userId: store.userId });
      stores.push(store.tenantId);
      appids.push(store.appid);
    }

    const processes = Array.from({ length: 2 }, () => startWorkerProcess({ ...openPlatformFake.env, KAIDIAN_FLEET_RELEASES_MS: "200" }));
    const memory = sampleMemory(processes);
    try {
      await new Promise((r) => setTimeout(r, 3_000)); // the workers load before the clock starts
      const started = performance.now();
      const cpuBefore = processes.map(processCpuSeconds);
      const shopApiCpuBefore = await shopApi.cpuSeconds();
      const fakeCpuBefore = process.cpuUsage();
      const fleet = await startFleetRelease(
        fleetDb,
        publisher,
        {
          templateId: template.templateId,
          userVersion: added.userVersion,
          userDesc: "压测批量发布",
          category: { firstClass: "商业服务", secondClass: "软件服务提供商" },
          firstStagePercent: 5,
          submitsPerMinute: 600,
          stores,
        },
        "https://api.kaidian.test",
      );
      let view = await readFleetRelease(db, publisher, fleet.id);
      let firstStageSeconds = 0;
      let readBack = 0;
      let lastReadBack = performance.now();
      while (view.status === "running") {
        // WeChat's reviewers: every audit submitted so far is approved and its result pushed to shop-api.
        await openPlatformFake.code.decideAudits();
        await new Promise((r) => setTimeout(r, 250));
        view = await readFleetRelease(db, publisher, fleet.id);
        // A verdict pushed before the worker recorded the submission finds no audit to decide and is dropped, as a
        // push missed while shop-api was down would be: read back with get_auditstatus, as the store's page does.
        if (performance.now() - lastReadBack > 5_000) {
          lastReadBack = performance.now();
          for (const row of view.rows.filter((candidate) => candidate.status === "auditing")) {
            const read = await refreshAuditStatus({ db, code: platform.code }, row.store.id);
            if (read?.status === "approved") readBack++;
          }
        }
        if (!firstStageSeconds && view.rows.filter((row) => row.stage === 1).every((row) => row.status === "released")) firstStageSeconds = (performance.now() - started) / 1000;
      }
      const seconds = (performance.now() - started) / 1000;
      const cpuSeconds = processes.map(processCpuSeconds).reduce((sum, after, index) => sum + after - cpuBefore[index]!, 0);
      const shopApiCpu = (await shopApi.cpuSeconds()) - shopApiCpuBefore;
      const fakeCpu = process.cpuUsage(fakeCpuBefore);
      const released = view.counts.released ?? 0;
      const committedTwice = appids.filter((appid) => openPlatformFake.code.codeOf(appid).commits > 1).length;
      console.log("workers   stores   wall time   stores/min   CPU-s/store (workers + shop-api + fake)   first stage (5%)   peak memory per worker   released   committed twice");
      console.log(
        `${"2".padEnd(10)}${String(fleetStoreCount).padEnd(9)}${`${seconds.toFixed(1)} s`.padEnd(12)}${(fleetStoreCount / (seconds / 60)).toFixed(1).padEnd(13)}` +
          `${`${(cpuSeconds / fleetStoreCount).toFixed(3)} + ${(shopApiCpu / fleetStoreCount).toFixed(3)} + ${((fakeCpu.user + fakeCpu.system) / 1e6 / fleetStoreCount).toFixed(3)}`.padEnd(42)}` +
          `${`${firstStageSeconds.toFixed(1)} s`.padEnd(19)}${`${(memory.stop() / 1024).toFixed(0)} MB`.padEnd(25)}${`${released}`.padEnd(11)}${committedTwice}`,
      );
      console.log(
        `fleet ${view.status}${view.haltedReason ? ` (${view.haltedReason})` : ""}; commit → audit → release per store, the audits answered by the bench as soon as submitted; ` +
          `${readBack} verdict(s) read back with get_auditstatus after their push found no audit recorded yet`,
      );
    } finally {
      memory.stop();
      await Promise.all(processes.map(stopProcess));
    }
  } finally {
    await shopApi.stop();
    await openPlatformFake.close();
    await fleetDb.disconnect();
  }
}

function startWorkerProcess(extraEnv: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, WORKER_NODE_ARGS, {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: server.url,
      KAIDIAN_MASTER_KEY: masterKey.toString("base64"),
      KAIDIAN_MEDIA_DIR: path.join(scratch, "storage"),
      WECHAT_CI_PROXY: fake.proxyUrl,
      WECHAT_CI_CA_FILE: fake.caFile,
      KAIDIAN_POLL_MS: "200",
      // Uploads need shop-api at an https domain (the readiness check); the phones that would call it are not part of this.
      SHOP_API_PUBLIC_URL: "https://api.kaidian.test",
      ...extraEnv,
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
