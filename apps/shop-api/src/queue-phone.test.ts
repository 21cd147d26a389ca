// @vitest-environment jsdom
// Taking a queue number as a shopper does: a generated restaurant package in the page harness (miniprogram-simulate),
// talking over HTTP to a real shop-api on PostgreSQL, logging in at the fake WeChat API. Pick a party size, accept
// the "called" message, take a number; watch how many are ahead fall as staff call; be called and told.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import os from "node:os";
import path from "node:path";
import { Database } from "@kaidian/db";
import { isolatedTestDatabase } from "@kaidian/db/testing";
import { generatePackage } from "@kaidian/generator";
import { renderPage, type RenderedPage, type Responder } from "@kaidian/generator/testing";
import { find, tap } from "@kaidian/generator/testing/shopper";
import { saveTemplate } from "@kaidian/messages/server";
import { DEFAULT_QUEUE_SETTINGS } from "@kaidian/queue";
import { callNext, notifyCalled, saveQueueSettings, takeNumber } from "@kaidian/queue/server";
import { loadSiteSnapshot } from "@kaidian/storefront";
import { arrangeStore } from "@kaidian/storefront/testing";
import { MiniProgramServerApi, sealAppSecret } from "@kaidian/wechat/server-api";
import { startFakeWechatApi, type FakeWechatApi } from "@kaidian/wechat/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startShopApi, type RunningShopApi } from "./testing";

const masterKey = randomBytes(32);
const TEMPLATE = "queueCalledTemplate-phone-0123456789abcdef";
let database: { url: string; drop(): Promise<void> };
let db: Database;
let wechat: FakeWechatApi;
let shopApi: RunningShopApi;
let store: { tenantId: string; appid: string; packageDir: string };
const openid = `o${randomBytes(12).toString("hex")}`;

/** wx.request answered by the real shop-api over HTTP (node:http: jsdom's fetch would apply a browser's CORS). */
const overHttp: Responder = (request) =>
  new Promise((resolve) => {
    const body = request.method === "GET" ? undefined : JSON.stringify(request.data ?? {});
    const sent = httpRequest(request.url, { method: request.method, headers: { ...request.header, ...(body ? { "Content-Type": "application/json" } : {}) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ statusCode: response.statusCode ?? 0, data: text ? JSON.parse(text) : "", header: response.headers as Record<string, string> });
      });
    });
    sent.on("error", () => resolve("fail"));
    sent.end(body);
  });

beforeAll(async () => {
  database = await isolatedTestDatabase();
  db = new Database(database.url, { maxConnections: 4 });
  wechat = await startFakeWechatApi();
  shopApi = await startShopApi(database.url, { KAIDIAN_MASTER_KEY: masterKey.toString("base64"), WECHAT_API_BASE: wechat.baseUrl });
  const tenantId = await arrangeStore(db, { name: "老街面馆", templateId: "restaurant", publish: true });
  const appid = `wx${randomBytes(8).toString("hex")}`;
  const appSecret = randomBytes(16).toString("hex");
  wechat.registerApp({ appid, secret: appSecret, pages: ["pages/home/index"] });
  wechat.registerTemplate({ appid, templateId: TEMPLATE, keywords: ["character_string1", "thing2"] });
  await db.scoped({ tenantId }, async (tx) => {
    await tx.wechatCredential.create({ data: { tenantId, appid, robot: 1, appSecretCiphertext: sealAppSecret(appSecret, masterKey, tenantId) } });
    await saveQueueSettings(tx, tenantId, { userId: randomUUID(), revision: 0 }, { ...DEFAULT_QUEUE_SETTINGS, enabled: true });
    await saveTemplate(tx, tenantId, "queueCalled", { templateId: TEMPLATE, keywords: { number: "character_string1", store: "thing2" } }, randomUUID());
  });
  const snapshot = await loadSiteSnapshot(db, tenantId, { apiBaseUrl: `${shopApi.url}/api/mp/v1/${tenantId}` });
  const outDir = await mkdtemp(path.join(os.tmpdir(), "kaidian-queue-"));
  const generated = await generatePackage({ tenant: { id: tenantId, slug: "queue" }, appid, templateId: "restaurant", snapshot: snapshot! }, { outDir });
  if (!generated.ok) throw new Error(generated.problems.map((problem) => problem.message).join("\n"));
  store = { tenantId, appid, packageDir: generated.written!.dir };
}, 300_000);

afterAll(async () => {
  await shopApi?.close();
  await wechat?.close();
  await db?.disconnect();
  await database?.drop();
});

async function open(): Promise<RenderedPage> {
  const page = await renderPage(store.packageDir, "pages/home/index", {
    wx: {
      respond: overHttp,
      shopper: {
        loginCode: () => wechat.issueLoginCode(store.appid, { openid }),
        // Accepting in WeChat's sheet is what lets the store send one message.
        subscribe: (ids) => {
          for (const id of ids) wechat.acceptSubscription(store.appid, openid, id);
          return "accept";
        },
      },
    },
  });
  await page.settle();
  return page;
}

const inStore = <T>(work: Parameters<typeof db.scoped<T>>[1]) => db.scoped({ tenantId: store.tenantId }, work);

describe("a shopper's queue number", () => {
  it("takes a number for a party of 3, sees who is ahead fall as staff call, and is told when called", async () => {
    // Someone is already waiting in the 3–4 group.
    const other = await inStore((tx) => tx.shopper.create({ data: { tenantId: store.tenantId, openid: `o${randomUUID().replaceAll("-", "")}` } }));
    await inStore((tx) => takeNumber(tx, { tenantId: store.tenantId, shopperId: other.id, partySize: 4 }));

    const page = await open();
    expect(page.text()).not.toContain("暂不支持线上取号");
    expect(find(page, ".kd-queue-ticket__type", "中桌").textContent).toContain("1 桌等待");
    await tap(page, ".kd-queue-ticket__step", "＋");
    await tap(page, ".kd-queue-ticket__take", "取号（中桌）");
    expect(page.wx.calls.filter((call) => call.api === "requestSubscribeMessage").map((call) => call.options.tmplIds)).toEqual([[TEMPLATE]]);
    await page.settle();
    expect(find(page, ".kd-queue-ticket__code").textContent).toBe("B002");
    expect(page.text()).toContain("前面还有 1 桌");

    // Staff call the number before: within one poll the phone shows nobody ahead, with no tap.
    await inStore((tx) => callNext(tx, "B"));
    await vi.waitFor(async () => {
      await page.settle();
      expect(page.text()).toContain("前面还有 0 桌");
    }, { timeout: 20_000, interval: 500 });

    // Then this number: the subscribe message goes out, and the page says so at its next poll.
    const called = await inStore((tx) => callNext(tx, "B"));
    if (!called.ok) throw new Error("nobody to call");
    expect(await notifyCalled(db, new MiniProgramServerApi({ db, masterKey, settings: { baseUrl: wechat.baseUrl, timeoutMs: 5000 } }), masterKey, store.tenantId, called.ticket)).toBe("sent");
    expect(wechat.sentMessages.at(-1)).toMatchObject({ touser: openid, data: { character_string1: "B002", thing2: "老街面馆" } });
    await vi.waitFor(async () => {
      await page.settle();
      expect(page.text()).toContain("已叫到您的号，请到前台就座");
    }, { timeout: 20_000, interval: 500 });
    page.detach();

    // Opened again later, the phone shows the number it holds rather than offering another.
    const again = await open();
    expect(find(again, ".kd-queue-ticket__code").textContent).toBe("B002");
    await tap(again, ".kd-button", "取消排队");
    await again.settle();
    expect(again.text()).toContain("取号（");
    again.detach();
  });
});
