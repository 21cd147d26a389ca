// A real worker process killed in the middle of an upload (SIGKILL: no chance to clean up) leaves no build stuck
// "running": once its lease runs out another worker takes the build back and finishes it.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Database } from "@kaidian/db";
import { isolatedTestDatabase } from "@kaidian/db/testing";
import { LocalDirectoryStorage } from "@kaidian/media/server";
import { readBuild, requestBuild } from "@kaidian/publishing";
import { arrangePublishableStore } from "@kaidian/publishing/testing";
import { startWorker, type Worker } from "@kaidian/publishing/worker";
import { wechatConnection } from "@kaidian/wechat/ci";
import { startFakeWechatCi, testUploadKey, type FakeWechatCi } from "@kaidian/wechat/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { WORKER_NODE_ARGS } from "./command";

let database: Awaited<ReturnType<typeof isolatedTestDatabase>>;
let db: Database;
let dir: string;
let fake: FakeWechatCi;
let child: ChildProcess | undefined;
let rescuer: Worker | undefined;
const masterKey = randomBytes(32);
const key = testUploadKey();
const LEASE_MS = 3_000;

beforeAll(async () => {
  database = await isolatedTestDatabase();
  // The rescuing worker and this test poll the same pool: room for both on a loaded machine.
  db = new Database(database.url, { maxConnections: 8 });
  dir = await mkdtemp(path.join(os.tmpdir(), "kaidian-worker-process-"));
  fake = await startFakeWechatCi({ dir });
});

afterAll(async () => {
  child?.kill("SIGKILL");
  await rescuer?.stop(1_000);
  await fake.close();
  await db.disconnect();
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

it("a build whose worker was killed mid-upload is taken back and finished by another worker", { timeout: 240_000 }, async () => {
  const store = await arrangePublishableStore(db, { templateId: "restaurant", privateKey: key.privateKey, masterKey, name: "老街面馆" });
  fake.registerApp({ appid: store.appid, publicKey: key.publicKey });
  // WeChat never answers the first upload: the worker is caught in the middle of it.
  fake.setFault(store.appid, "hang", 1);
  const ref = { id: store.tenantId, templateId: "restaurant" as const, status: "ACTIVE" as const };
  const { number } = await db.scoped({ tenantId: store.tenantId }, (tx) =>
    requestBuild(tx, ref, { id: store.userId, ip: "127.0.0.1" }, { purpose: "UPLOAD", version: "1.0.0", description: "首发" }),
  );

  child = spawn(process.execPath, WORKER_NODE_ARGS, {
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      KAIDIAN_MASTER_KEY: masterKey.toString("base64"),
      KAIDIAN_MEDIA_DIR: path.join(dir, "storage"),
      WECHAT_CI_PROXY: fake.proxyUrl,
      WECHAT_CI_CA_FILE: fake.caFile,
      WECHAT_CI_TIMEOUT_MS: "600000",
      KAIDIAN_LEASE_MS: String(LEASE_MS),
      KAIDIAN_POLL_MS: "100",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const build = () => db.scoped({ tenantId: store.tenantId }, (tx) => readBuild(tx, number));
  await until("the upload to start", async () => (await build())?.steps.find((step) => step.step === "upload")?.status === "running");
  // Inside the upload, WeChat silent: kill the worker without warning.
  await until("WeChat to be asked for the upload", async () => fake.requests.some((request) => request.path === "/wxa/ci/upload" && request.appid === store.appid));
  child.kill("SIGKILL");
  expect((await build())!.status).toBe("RUNNING");

  rescuer = startWorker({
    db,
    storage: new LocalDirectoryStorage(path.join(dir, "storage")),
    masterKey,
    wechat: wechatConnection({ WECHAT_CI_PROXY: fake.proxyUrl, WECHAT_CI_CA_FILE: fake.caFile }),
    shopApiUrl: "https://shop.example.com",
    retryDelayMs: 0,
    compileTimeoutMs: 120_000,
    leaseMs: LEASE_MS,
    pollMs: 100,
    reclaimEveryMs: 500,
  });
  const finished = await until("the build to finish", async () => {
    const current = await build();
    return current && (current.status === "SUCCEEDED" || current.status === "FAILED") ? current : null;
  });
  expect(finished).toMatchObject({ status: "SUCCEEDED", attempts: 2 });
  expect(finished.logs.map((log) => log.message)).toContain("the worker running this build stopped answering; it will be tried again");
  expect(fake.received.filter((item) => item.appid === store.appid)).toHaveLength(1);
  expect(await db.buildQueue((tx) => tx.build.count({ where: { status: "RUNNING" } }))).toBe(0);
});
