// The real miniprogram-ci, in its child process, uploading to and previewing with the fake WeChat CI service over
// a verified TLS tunnel: every case is a real compile and hand-over (seconds each).
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wechatConnection, type WechatConnection } from "../connection";
import { startFakeWechatCi, type FakeFault, type FakeWechatCi } from "../testing/fake-wechat-ci";
import { writeMiniProgram } from "../testing/mini-program";
import { testUploadKey } from "../testing/upload-keys";
import { handOverToWechat } from "./hand-over";
import { runCiTask } from "./run-task";

let fake: FakeWechatCi;
let dir: string;
let connection: WechatConnection;
const key = testUploadKey();
let next = 0;

/** A Mini Program registered with the fake under an appid of its own, so cases do not share faults. */
async function app(options: { allowedIps?: string[] } = {}) {
  const appid = `wx${(0xa0000000_00000000n + BigInt(++next)).toString(16)}`;
  const marker = `store-${next}`;
  fake.registerApp({ appid, publicKey: key.publicKey, ...options });
  return { appid, marker, projectPath: await writeMiniProgram(appid, marker) };
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const upload = ({ appid, projectPath }: { appid: string; projectPath: string }, extra: Partial<Parameters<typeof handOverToWechat>[0]> = {}, over: Partial<WechatConnection> = {}) =>
  handOverToWechat(
    { appid, projectPath, privateKey: key.privateKey, robot: 3, purpose: "upload", version: "1.2.0", description: "春季上新", ...extra } as Parameters<typeof handOverToWechat>[0],
    { ...connection, ...over },
  );

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "kaidian-fake-wechat-"));
  fake = await startFakeWechatCi({ dir });
  connection = wechatConnection({ WECHAT_CI_PROXY: fake.proxyUrl, WECHAT_CI_CA_FILE: fake.caFile, WECHAT_CI_TIMEOUT_MS: "60000" });
});

afterAll(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

describe.concurrent("handOverToWechat", () => {
  it("uploads a development version WeChat accepts: signed with the store's key, carrying its own files", async () => {
    const target = await app();
    const result = await upload(target);
    expect(result).toMatchObject({ ok: true, subPackageInfo: expect.arrayContaining([expect.objectContaining({ name: "__APP__" })]) });
    const received = fake.received.find((item) => item.appid === target.appid)!;
    expect(received).toMatchObject({ kind: "upload", version: "1.2.0", desc: "春季上新", robot: 3, ip: "127.0.0.1" });
    expect([...received.files.keys()]).toEqual(expect.arrayContaining(["/app.json", "/ext.json", "/pages/home/index.js", "/ci.signature"]));
    expect(received.files.get("/pages/home/index.js")!.toString()).toContain(target.marker);
  });

  it("sends a compiled package as it is, with miniprogram-ci's client and no second compile", async () => {
    const target = await app();
    const compiledDir = path.join(dir, `compiled-${target.appid}`);
    expect(await runCiTask({ task: "compile", projectPath: target.projectPath, appid: target.appid, outDir: compiledDir }, { timeoutMs: 120_000 })).toEqual({ ok: true, result: {} });
    const result = await upload({ appid: target.appid, projectPath: compiledDir }, { compiled: true });
    expect(result).toMatchObject({ ok: true, subPackageInfo: expect.arrayContaining([expect.objectContaining({ name: "__APP__" })]) });
    const received = fake.received.find((item) => item.appid === target.appid)!;
    expect(received).toMatchObject({ kind: "upload", version: "1.2.0", desc: "春季上新", robot: 3 });
    const home = await readFile(path.join(compiledDir, "pages/home/index.js"));
    expect(received.files.get("/pages/home/index.js")!.equals(home)).toBe(true);
    expect(home.toString()).toContain(target.marker);
  });

  it("is refused by the fake WeChat when a package said to be compiled is not", async () => {
    const target = await app();
    const result = await upload(target, { compiled: true });
    expect(result).toMatchObject({ ok: false, failure: { code: "wechat.rejected", transient: false, params: { wechatCode: -80057, detail: expect.stringMatching(/errmsg: pages\/\w+\/index\.js: not (valid|minified)/) } } });
  });

  it("previews a compiled package at the page and query asked for", async () => {
    const target = await app();
    const compiledDir = path.join(dir, `compiled-${target.appid}`);
    await runCiTask({ task: "compile", projectPath: target.projectPath, appid: target.appid, outDir: compiledDir }, { timeoutMs: 120_000 });
    const result = await handOverToWechat(
      { appid: target.appid, projectPath: compiledDir, privateKey: key.privateKey, robot: 2, purpose: "preview", description: "preview #2", pagePath: "pages/order/index", query: "t=B1", compiled: true },
      connection,
    );
    expect(result.ok && result.qrImage!.subarray(0, 8)).toEqual(PNG);
    expect(fake.received.find((item) => item.appid === target.appid)).toMatchObject({ kind: "preview", path: "pages/order/index?t=B1", robot: 2 });
  });

  it("previews: WeChat's QR code comes back as an image, for the page and query asked for", async () => {
    const target = await app();
    const result = await handOverToWechat(
      { appid: target.appid, projectPath: target.projectPath, privateKey: key.privateKey, robot: 2, purpose: "preview", description: "preview #1", pagePath: "pages/order/index", query: "t=A7K2Q9" },
      connection,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.qrImage!.subarray(0, 8)).toEqual(PNG);
    expect(fake.received.find((item) => item.appid === target.appid)).toMatchObject({ kind: "preview", path: "pages/order/index?t=A7K2Q9", robot: 2 });
  });

  it("refuses a damaged key before a single request leaves the machine", async () => {
    const target = await app();
    const result = await upload(target, { privateKey: key.privateKey.replace(/\n[A-Za-z0-9+/]{20}/, "\nnot-a-key-at-all-zz") });
    expect(result).toEqual({ ok: false, failure: { code: "wechat.keyUnusable", transient: false, params: { problem: "wechat.key.unreadable" } } });
    expect(fake.requests.filter((request) => request.appid === target.appid)).toEqual([]);
  });

  it.each([false, true])("says the key does not match when WeChat cannot verify its signature (compiled: %s)", async (compiled) => {
    const target = await app();
    const result = await upload(target, { privateKey: testUploadKey().privateKey, compiled });
    expect(result).toMatchObject({ ok: false, failure: { code: "wechat.keyMismatch", transient: false } });
    expect(fake.received.some((item) => item.appid === target.appid)).toBe(false);
  });

  it("names this server's address when it is not on the upload whitelist", async () => {
    const target = await app({ allowedIps: ["203.0.113.7"] });
    expect(await upload(target)).toMatchObject({ ok: false, failure: { code: "wechat.ipNotWhitelisted", transient: false, params: { ip: "127.0.0.1", wechatCode: -10008 } } });
  });

  it.each<[FakeFault, object]>([
    ["invalid-ip", { code: "wechat.ipNotWhitelisted", transient: false }],
    ["too-large", { code: "wechat.packageTooLarge", transient: false, params: { wechatCode: 80051 } }],
    ["http-500", { code: "wechat.unavailable", transient: true }],
    ["reset", { code: "wechat.network", transient: true }],
  ])("maps the fault %s to what the merchant can do", async (fault, failure) => {
    const target = await app();
    fake.setFault(target.appid, fault);
    expect(await upload(target)).toMatchObject({ ok: false, failure });
  });

  it("stops a hand-over WeChat never answers, at the deadline", async () => {
    const target = await app();
    fake.setFault(target.appid, "hang");
    const started = Date.now();
    const result = await upload(target, {}, { timeoutMs: 15_000 });
    expect(result).toMatchObject({ ok: false, failure: { code: "wechat.timeout", transient: true } });
    expect(Date.now() - started).toBeLessThan(25_000);
  });
});
