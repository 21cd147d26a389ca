// A shopper's phone against a real shop-api, for the tests that walk a whole visit: a generated store package in the
// page harness (miniprogram-simulate), talking over HTTP to shop-api on a database of the test file's own, which logs
// shoppers in at the fake WeChat API and takes payment at the fake WeChat Pay.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import os from "node:os";
import path from "node:path";
import { arrangeEditor } from "@kaidian/catalog/testing";
import { Database } from "@kaidian/db";
import { freePort, isolatedTestDatabase } from "@kaidian/db/testing";
import { generatePackage } from "@kaidian/generator";
import { renderPage, type RenderedPage, type Responder, type ShopperWx } from "@kaidian/generator/testing";
import { savePaymentSettings } from "@kaidian/payments/server";
import { arrangeServiceProvider, startFakeWechatPay, testAppid, testMerchant, type FakeWechatPay, type TestServiceProvider } from "@kaidian/payments/testing";
import { loadSiteSnapshot } from "@kaidian/storefront";
import { arrangeStore } from "@kaidian/storefront/testing";
import type { TemplateId } from "@kaidian/templates";
import { sealAppSecret } from "@kaidian/wechat/server-api";
import { startFakeWechatApi, type FakeWechatApi } from "@kaidian/wechat/testing";
import { startShopApi, type RunningShopApi } from "./testing";

/**
 * wx.request answered by the real shop-api over HTTP. Through node:http, not fetch: under jsdom, fetch would be the
 * page's, with a browser's cross-origin rules that a Mini Program's wx.request does not have.
 */
export const overHttp: Responder = (request) =>
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

/** One shopper's phone: a WeChat account, and one storage kept across the pages it opens. */
export type Phone = {
  openid: string;
  /** What the phone keeps in wx storage between pages. */
  storage: Map<string, unknown>;
  /** Opens a page of the package, with what the phone has kept, and lets it settle. */
  open(pagePath: string, query?: Record<string, string>): Promise<RenderedPage>;
  /** Keeps what the page stored, as the phone would for the next page, and closes it. */
  keep(page: RenderedPage): void;
};

export type PhoneHarness = {
  masterKey: Buffer;
  db: Database;
  wechat: FakeWechatApi;
  pay: FakeWechatPay;
  /** The platform's service-provider account, when asked for: shop-api takes sub-merchants' payments through it. */
  serviceProvider: TestServiceProvider | undefined;
  shopApi: RunningShopApi;
  /**
   * A published ecommerce store that takes orders: its Mini Program known to the fake WeChat API (AppSecret sealed in
   * the store) and paid into its own merchant account at the fake WeChat Pay.
   */
  arrangeTradingStore(name: string): Promise<{ tenantId: string; appid: string; mchid: string }>;
  /** The store's Mini Program package, generated from its published snapshot to call this shop-api. */
  generate(store: { tenantId: string; appid: string; slug: string; templateId: TemplateId }): Promise<string>;
  /** A new shopper's phone on the package; `shopper` answers the WeChat sheets beyond logging in. */
  phone(packageDir: string, appid: string, shopper?: Omit<ShopperWx, "loginCode">): Phone;
  close(): Promise<void>;
};

export async function startPhoneHarness(options: { serviceProvider?: boolean } = {}): Promise<PhoneHarness> {
  // What is started is stopped in reverse, by close() or as soon as a later start fails.
  const stops: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  };
  try {
    const masterKey = randomBytes(32);
    const database = await isolatedTestDatabase();
    stops.push(() => database.drop());
    const db = new Database(database.url, { maxConnections: 4 });
    stops.push(() => db.disconnect());
    const pay = await startFakeWechatPay();
    stops.push(() => pay.close());
    const serviceProvider = options.serviceProvider ? await arrangeServiceProvider(pay) : undefined;
    if (serviceProvider) stops.push(() => serviceProvider.dispose());
    const wechat = await startFakeWechatApi();
    stops.push(() => wechat.close());
    // WeChat Pay posts its notifications to the address shop-api gives as its own, so it listens where it says.
    const port = await freePort();
    // Under jsdom the test file's globals are the page's. Fastify knows bytes by `payload.buffer instanceof
    // ArrayBuffer`, and jsdom's ArrayBuffer is another realm's, so the shop-api in this process would send its ready
    // pages as the JSON of a Buffer, which the runtime refuses, quietly keeping what it baked. Node's own is put back.
    globalThis.ArrayBuffer = Buffer.alloc(0).buffer.constructor as ArrayBufferConstructor;
    const shopApi = await startShopApi(database.url, {
      KAIDIAN_MASTER_KEY: masterKey.toString("base64"),
      WECHAT_API_BASE: wechat.baseUrl,
      WECHATPAY_API_BASE: pay.baseUrl,
      ...serviceProvider?.env,
      SHOP_API_PORT: String(port),
      SHOP_API_PUBLIC_URL: `http://127.0.0.1:${port}`,
    });
    stops.push(() => shopApi.close());

    return {
      masterKey,
      db,
      wechat,
      pay,
      serviceProvider,
      shopApi,
      async arrangeTradingStore(name) {
        const tenantId = await arrangeStore(db, { name, templateId: "ecommerce", publish: true });
        const appid = testAppid();
        const appSecret = randomBytes(16).toString("hex");
        wechat.registerApp({ appid, secret: appSecret });
        const merchant = testMerchant(pay.wechatpayKeys, { appids: [appid] });
        pay.registerMerchant(merchant.registration);
        const ownerId = await arrangeEditor(db, "店主");
        const { keys } = merchant;
        await db.scoped({ tenantId }, async (tx) => {
          await tx.wechatCredential.create({ data: { tenantId, appid, robot: 1, appSecretCiphertext: sealAppSecret(appSecret, masterKey, tenantId) } });
          await savePaymentSettings(tx, tenantId, { userId: ownerId, revision: 0 }, {
            mode: "direct", mchid: keys.mchid, certificateSerial: keys.certificateSerial, privateKey: keys.privateKey, apiV3Key: keys.apiV3Key,
            wechatpayKeySerial: keys.wechatpayKeys[0]!.serial, wechatpayPublicKey: keys.wechatpayKeys[0]!.publicKey,
          }, masterKey);
        });
        return { tenantId, appid, mchid: keys.mchid };
      },
      async generate({ tenantId, appid, slug, templateId }) {
        const snapshot = await loadSiteSnapshot(db, tenantId, { apiBaseUrl: `${shopApi.url}/api/mp/v1/${tenantId}` });
        const outDir = await mkdtemp(path.join(os.tmpdir(), `kaidian-${slug}-`));
        stops.push(() => rm(outDir, { recursive: true, force: true }));
        const generated = await generatePackage({ tenant: { id: tenantId, slug }, appid, templateId, snapshot: snapshot! }, { outDir });
        if (!generated.ok) throw new Error(generated.problems.map((problem) => problem.message).join("\n"));
        return generated.written!.dir;
      },
      phone(packageDir, appid, shopper = {}) {
        const openid = `o${randomBytes(12).toString("hex")}`;
        const storage = new Map<string, unknown>();
        return {
          openid,
          storage,
          async open(pagePath, query = {}) {
            const page = await renderPage(packageDir, pagePath, {
              query,
              storage: Object.fromEntries(storage),
              wx: { respond: overHttp, shopper: { loginCode: () => wechat.issueLoginCode(appid, { openid }), ...shopper } },
            });
            await page.settle();
            return page;
          },
          keep(page) {
            for (const [key, value] of page.wx.storage) storage.set(key, value);
            page.detach();
          },
        };
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
