// Builds end to end, as a worker runs them: the real generator on the runtime miniprogram-ci precompiled, and
// miniprogram-ci's client (or, for a package stored before precompiling, its full upload) against the fake WeChat
// CI service, which refuses code that is not compiled and minified, with the store's key sealed in the database.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { Database } from "@kaidian/db";
import { isolatedTestDatabase } from "@kaidian/db/testing";
import { describeFiles, generatePackage, unzipFiles } from "@kaidian/generator";
import { sampleSnapshot } from "@kaidian/templates";
import { LocalDirectoryStorage } from "@kaidian/media/server";
import { startFakeWechatCi, testUploadKey, type FakeFault, type FakeWechatCi } from "@kaidian/wechat/testing";
import { wechatConnection } from "@kaidian/wechat/ci";
import { buffer } from "node:stream/consumers";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildPackage, previewQr } from "../artifacts";
import { readBuild, requestBuild, type BuildRequest } from "../builds";
import { readWechatSettings } from "../wechat-settings";
import { arrangePublishableStore } from "../testing";
import { startWorker, type Worker } from "./worker";

// Each build generates and uploads for real (the legacy republish compiles too): seconds, not milliseconds.
vi.setConfig({ testTimeout: 300_000 });

let database: Awaited<ReturnType<typeof isolatedTestDatabase>>;
let db: Database;
let dir: string;
let fake: FakeWechatCi;
let storage: LocalDirectoryStorage;
let workers: Worker[] = [];
const masterKey = randomBytes(32);
const key = testUploadKey();

beforeAll(async () => {
  database = await isolatedTestDatabase();
  db = new Database(database.url, { maxConnections: 8 });
  dir = await mkdtemp(path.join(os.tmpdir(), "kaidian-pipeline-"));
  storage = new LocalDirectoryStorage(path.join(dir, "storage"));
  fake = await startFakeWechatCi({ dir });
  const context = {
    db,
    storage,
    masterKey,
    // Long enough for miniprogram-ci's own compile inside an upload on a loaded machine (the legacy republish).
    wechat: wechatConnection({ WECHAT_CI_PROXY: fake.proxyUrl, WECHAT_CI_CA_FILE: fake.caFile, WECHAT_CI_TIMEOUT_MS: "120000" }),
    shopApiUrl: "https://shop.example.com",
    retryDelayMs: 200,
    compileTimeoutMs: 120_000,
  };
  // Two workers, as two processes would run them.
  // A lease far longer than a loaded machine's pauses: these tests are of WeChat's answers, not of lost workers
  // (queue.test.ts and the worker process test take builds back).
  workers = [1, 2].map((n) => startWorker({ ...context, workerId: `test-${n}`, leaseMs: 60_000, pollMs: 100, reclaimEveryMs: 1_000 }));
});

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop(1_000)));
  await fake.close();
  await db.disconnect();
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});

async function publishableStore(templateId: "ecommerce" | "hotel" | "restaurant", name: string) {
  const store = await arrangePublishableStore(db, { templateId, privateKey: key.privateKey, masterKey, name });
  fake.registerApp({ appid: store.appid, publicKey: key.publicKey });
  return { ...store, ref: { id: store.tenantId, templateId, status: "ACTIVE" as const } };
}

type Store = Awaited<ReturnType<typeof publishableStore>>;

const queue = (store: Store, request: BuildRequest, maxAttempts?: number) =>
  db.scoped({ tenantId: store.tenantId }, (tx) => requestBuild(tx, store.ref, { id: store.userId, ip: "127.0.0.1" }, request, { maxAttempts }));

const upload = (store: Store, version = "1.0.0", extra: Partial<BuildRequest> = {}, maxAttempts?: number) =>
  queue(store, { purpose: "UPLOAD", version, description: `上传 ${version}`, ...extra } as BuildRequest, maxAttempts);

async function settled(store: Store, number: number) {
  for (let i = 0; i < 2400; i++) {
    const build = await db.scoped({ tenantId: store.tenantId }, (tx) => readBuild(tx, number));
    if (build && (build.status === "SUCCEEDED" || build.status === "FAILED")) return build;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`build #${number} did not finish`);
}

const received = (store: Store) => fake.received.filter((item) => item.appid === store.appid);

describe("a build", () => {
  let hotel: Store;

  beforeAll(async () => {
    hotel = await publishableStore("hotel", "湖畔旅舍");
  });

  it("uploads the published design: each step done, inputs and outputs recorded, WeChat given this store's package", async () => {
    const { number } = await upload(hotel, "1.0.0");
    const build = await settled(hotel, number);
    expect(build).toMatchObject({ status: "SUCCEEDED", attempts: 1, configVersion: 1, templateId: "hotel", errorCode: null });
    expect(build.steps.map((step) => [step.step, step.status])).toEqual([
      ["checks", "done"], ["generate", "done"], ["compile", "skipped"], ["store", "done"], ["upload", "done"],
    ]);
    expect(build).toMatchObject({ templateVersion: expect.any(String), runtimeVersion: expect.any(String), generatorVersion: expect.any(String) });
    expect(build.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(build.sizes!.main).toBeGreaterThan(50_000);
    expect(build.result!.subPackageInfo).toContainEqual({ name: "__APP__", size: expect.any(Number) });
    expect(build.logs.map((log) => log.message).join("\n")).toMatch(/built on runtime \S+ as miniprogram-ci compiles it for upload \([0-9a-f]{12}\): nothing to compile/);

    const [sent] = received(hotel);
    expect(sent).toMatchObject({ kind: "upload", version: "1.0.0", desc: "上传 1.0.0", robot: 1 });
    expect(sent!.files.get("/config/site.js")!.toString()).toContain(hotel.tenantId);
    expect(sent!.files.get("/config/site.js")!.toString()).toContain("https://shop.example.com/api/mp/v1/");

    // The stored package is the one described, byte for byte, and downloadable.
    const stored = await db.scoped({ tenantId: hotel.tenantId }, (tx) => buildPackage(tx, storage, number));
    const files = unzipFiles(await buffer(Readable.fromWeb(stored!.body as import("node:stream/web").ReadableStream)));
    expect(describeFiles(files).contentHash).toBe(build.contentHash);
    expect(stored!.fileName).toMatch(/\.zip$/);

    // WeChat got the stored package as it is, not compiled again: the same files and bytes, beside the signature
    // and the compiler's stand-in for project.config.json.
    const sentFiles = [...sent!.files].filter(([name]) => name !== "/ci.signature" && name !== "/project.config.json");
    expect(sentFiles.map(([name]) => name.slice(1)).sort()).toEqual([...files.keys()].filter((name) => name !== "project.config.json").sort());
    for (const [name, content] of sentFiles) expect(content.equals(files.get(name.slice(1))!), name).toBe(true);
    expect(JSON.parse(sent!.files.get("/project.config.json")!.toString())).toEqual({ miniprogramRoot: "", __compileDebugInfo__: { useSummer: true } });
  });

  it("does not store the same package twice", async () => {
    const first = (await db.scoped({ tenantId: hotel.tenantId }, (tx) => readBuild(tx, 1)))!;
    const { number } = await upload(hotel, "1.0.1");
    const again = await settled(hotel, number);
    expect(again.status).toBe("SUCCEEDED");
    expect(again.steps.find((step) => step.step === "compile")!.status).toBe("skipped");
    expect(again.artifactKey).toBe(first.artifactKey);
    expect(again.steps.find((step) => step.step === "store")!.status).toBe("skipped");
    expect(again.logs.map((log) => log.message)).toContain("same package as build #1, which stored it");
  });

  it("previews the latest design at a page, and keeps WeChat's QR code", async () => {
    const { number } = await queue(hotel, { purpose: "PREVIEW", page: "booking", query: "from=poster" });
    const build = await settled(hotel, number);
    expect(build).toMatchObject({ status: "SUCCEEDED", purpose: "PREVIEW", previewPage: "pages/booking/index" });
    expect(received(hotel).at(-1)).toMatchObject({ kind: "preview", path: "pages/booking/index?from=poster" });
    const qr = await db.scoped({ tenantId: hotel.tenantId }, (tx) => previewQr(tx, storage, number));
    expect(qr).toMatchObject({ contentType: "image/png" });
  });

  it("republishes an earlier build's stored package as it was (a rollback)", async () => {
    const { number } = await upload(hotel, "0.9.9-rollback", { republish: 1 });
    const build = await settled(hotel, number);
    expect(build.steps.map((step) => [step.step, step.status])).toEqual([["checks", "done"], ["fetch", "done"], ["upload", "done"]]);
    expect(build.sourceBuildNumber).toBe(1);
    const [firstSent] = received(hotel);
    const rollback = received(hotel).at(-1)!;
    expect(rollback.version).toBe("0.9.9-rollback");
    // The compiler emits files in no fixed order; what matters is the same files with the same bytes.
    const withoutSignature = (files: Map<string, Buffer>) =>
      [...files].filter(([name]) => name !== "/ci.signature").map(([name, content]) => `${name} ${content.toString("base64")}`).sort();
    expect(withoutSignature(rollback.files)).toEqual(withoutSignature(firstSent!.files));
  });

  it("republishes a package stored before the runtime was precompiled through miniprogram-ci's own compile", async () => {
    const source = await generatePackage(
      { tenant: { id: hotel.tenantId, slug: "legacy" }, appid: hotel.appid, templateId: "hotel", snapshot: sampleSnapshot("hotel") },
      { form: "source" },
    );
    if (!source.ok) expect.fail("the hotel sample did not generate");
    const legacy = await settled(hotel, (await upload(hotel, "0.1.0-legacy")).number);
    const artifactKey = `tenants/${hotel.tenantId}/packages/${source.manifest.contentHash}.zip`;
    await storage.put(artifactKey, source.zip);
    await db.scoped({ tenantId: hotel.tenantId }, (tx) =>
      tx.build.updateMany({ where: { id: legacy.id }, data: { artifactKey, contentHash: source.manifest.contentHash, generatorVersion: "0.1.0" } }),
    );

    const build = await settled(hotel, (await upload(hotel, "0.1.1-legacy", { republish: legacy.number })).number);
    expect(build).toMatchObject({ status: "SUCCEEDED", errorCode: null });
    expect(build.logs.map((log) => log.message)).toContain("stored before the runtime was precompiled: miniprogram-ci compiles it on upload");
    // What WeChat got passed the fake's check for compiled, minified code: miniprogram-ci compiled it.
    expect(received(hotel).at(-1)!.files.get("/app.js")!.toString()).not.toMatch(/\n/);
  });

  it.each<[FakeFault, string, object]>([
    ["invalid-ip", "wechat.ipNotWhitelisted", { ip: "127.0.0.1", wechatCode: -10008 }],
    ["too-large", "wechat.packageTooLarge", { wechatCode: 80051, main: expect.any(Number) }],
    ["http-500", "wechat.unavailable", {}],
    ["reset", "wechat.network", {}],
    ["hang", "wechat.timeout", {}],
  ])("ends at the upload step when WeChat answers %s, with its message, keeping the build and its package", async (fault, code, params) => {
    fake.setFault(hotel.appid, fault);
    const { number } = await upload(hotel, `2.0.0-${fault}`, {}, 1);
    const build = await settled(hotel, number);
    fake.setFault(hotel.appid, null);
    expect(build).toMatchObject({ status: "FAILED", errorCode: code, errorParams: params, attempts: 1 });
    expect(build.steps.find((step) => step.step === "upload")!.status).toBe("failed");
    expect(build.artifactKey).not.toBeNull();
    expect(await storage.get(build.artifactKey!)).not.toBeNull();
    expect(build.logs.some((log) => log.level === "error" && log.message.includes(code))).toBe(true);
  });

  it("remembers the address WeChat refused, for the settings page", async () => {
    expect((await db.scoped({ tenantId: hotel.tenantId }, (tx) => readWechatSettings(tx)))!.refusedIp).toBe("127.0.0.1");
  });

  it("retries a transient failure after a delay and succeeds", async () => {
    fake.setFault(hotel.appid, "http-500", 1);
    const { number } = await upload(hotel, "2.1.0");
    const build = await settled(hotel, number);
    expect(build).toMatchObject({ status: "SUCCEEDED", attempts: 2, errorCode: null });
    expect(build.logs.map((log) => log.message)).toEqual(expect.arrayContaining(["attempt 1 of 3", "attempt 2 of 3"]));
  });

  it("does not retry a key WeChat cannot verify", async () => {
    const other = await publishableStore("ecommerce", "错钥店");
    fake.registerApp({ appid: other.appid, publicKey: testUploadKey().publicKey });
    const { number } = await upload(other);
    expect(await settled(other, number)).toMatchObject({ status: "FAILED", errorCode: "wechat.keyMismatch", attempts: 1 });
  });
});

describe("a store that is not ready", () => {
  it("fails at the checks, naming each blocking one, and nothing reaches WeChat", async () => {
    const store = await publishableStore("hotel", "未就绪客栈");
    await db.scoped({ tenantId: store.tenantId }, (tx) => tx.wechatCredential.update({ where: { tenantId: store.tenantId }, data: { privateKeyCiphertext: null, keyFingerprint: null, keyUpdatedAt: null } }));
    await db.scoped({ tenantId: store.tenantId }, (tx) => tx.complianceProfile.update({ where: { tenantId: store.tenantId }, data: { privacy: { signature: "old list", confirmedAt: "2026-01-01T00:00:00Z", confirmedById: store.userId } } }));
    const { number } = await upload(store);
    const build = await settled(store, number);
    expect(build).toMatchObject({ status: "FAILED", errorCode: "build.notReady", errorParams: { checks: "wechat.key,privacy.guide" }, attempts: 1 });
    expect(build.steps.map((step) => step.status)).toEqual(["failed", "pending", "pending", "pending", "pending"]);
    expect(fake.requests.filter((request) => request.appid === store.appid)).toEqual([]);
  });
});

describe("several builds at once", () => {
  it("runs one store's builds one after the other while another store's run beside them", async () => {
    const shop = await publishableStore("ecommerce", "山野咖啡");
    const inn = await publishableStore("hotel", "山间客栈");
    const shopFirst = await upload(shop, "3.0.0");
    const shopSecond = await upload(shop, "3.0.1");
    const innFirst = await upload(inn, "3.0.0");
    const [a1, a2, b1] = await Promise.all([settled(shop, shopFirst.number), settled(shop, shopSecond.number), settled(inn, innFirst.number)]);
    for (const build of [a1, a2, b1]) expect(build!.status).toBe("SUCCEEDED");
    expect(a2!.startedAt!.getTime()).toBeGreaterThanOrEqual(a1!.finishedAt!.getTime());
    // The other store did not wait for the first store's queue.
    expect(b1!.startedAt!.getTime()).toBeLessThan(a1!.finishedAt!.getTime());
  });
});
