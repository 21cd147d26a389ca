// Analytics reports over real HTTP: a real shop-api on the real database. Anonymous reports count, a logged-in
// shopper's are theirs, another store's token is refused, and the batch's size and the reports' rate are bounded.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import path from "node:path";
import vm from "node:vm";
import { MAX_BATCH_EVENTS } from "@kaidian/analytics";
import type { Database } from "@kaidian/db";
import { superuser, testDatabase, testDatabaseUrl } from "@kaidian/db/testing";
import { arrangeTradingStore, type TradingStore } from "@kaidian/orders/testing";
import { type FakeWechatApi, startFakeWechatApi } from "@kaidian/wechat/testing";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningShopApi, startShopApi } from "./testing";

let api: RunningShopApi;
let fake: FakeWechatApi;
let db: Database;
let admin: pg.Client;
let shop: TradingStore;
let rival: TradingStore;
const running: RunningShopApi[] = [];

beforeAll(async () => {
  fake = await startFakeWechatApi();
  api = await startShopApi(testDatabaseUrl(), { WECHAT_API_BASE: fake.baseUrl });
  db = testDatabase();
  admin = await superuser();
  const arrange = (name: string) => arrangeTradingStore(db, { name, templateId: "ecommerce", masterKey: api.masterKey, registerApp: (app) => fake.registerApp(app) });
  [shop, rival] = [await arrange("看看小店"), await arrange("对面小店")];
});

afterAll(async () => {
  await Promise.all([api.close(), ...running.map((other) => other.close())]);
  await fake.close();
  await admin.end();
  await db.disconnect();
});

async function report(url: string, tenantId: string, body: unknown, headers: Record<string, string> = {}) {
  const answer = await fetch(`${url}/api/mp/v1/${tenantId}/events`, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: answer.status, body: await answer.json() };
}

async function login(store: TradingStore) {
  const code = fake.issueLoginCode(store.appid, { openid: `o${randomUUID().replaceAll("-", "")}` });
  const answer = await fetch(`${api.url}/api/mp/v1/${store.tenantId}/session`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ code }) });
  const body = await answer.json();
  return { token: body.token as string, shopperId: body.shopper.id as string };
}

const pageView = (page = "pages/index/index") => ({ kind: "pageView", page, ageMs: 1500 });
const eventsOf = async (visitorId: string) =>
  (await admin.query("SELECT tenant_id, shopper_id, kind, page, item_id, at FROM analytics_events WHERE visitor_id = $1 ORDER BY id", [visitorId])).rows;

describe("analytics reports", () => {
  it("records an anonymous visitor's batch in the store's rows, and counts it in the day's figures at once", async () => {
    const visitorId = randomUUID();
    const itemId = randomUUID();
    const answer = await report(api.url, shop.tenantId, { visitorId, events: [pageView(), { kind: "itemView", page: "pages/item/item", itemId, ageMs: 0 }] });
    expect(answer).toEqual({ status: 202, body: { kept: 2 } });
    const rows = await eventsOf(visitorId);
    expect(rows.map((row) => [row.tenant_id, row.shopper_id, row.kind, row.item_id])).toEqual([
      [shop.tenantId, null, "pageView", null],
      [shop.tenantId, null, "itemView", itemId],
    ]);
    // The phone's sense of elapsed time places the event, not its clock.
    expect(Date.now() - rows[0].at.getTime()).toBeGreaterThanOrEqual(1500);
    const { rows: days } = await admin.query("SELECT visitors, page_views, item_views FROM analytics_days WHERE tenant_id = $1", [shop.tenantId]);
    expect(days).toEqual([{ visitors: 1, page_views: 1, item_views: 1 }]);
  });

  it("credits a logged-in shopper's reports to them, and refuses another store's token or a broken one", async () => {
    const own = await login(shop);
    const foreign = await login(rival);
    const visitorId = randomUUID();
    expect((await report(api.url, shop.tenantId, { visitorId, events: [pageView()] }, { Authorization: `Bearer ${own.token}` })).status).toBe(202);
    for (const [token, code] of [[foreign.token, "token.otherStore"], [`${own.token.slice(0, -2)}xx`, "token.invalid"]] as const) {
      const refused = await report(api.url, shop.tenantId, { visitorId, events: [pageView("pages/cart/cart")] }, { Authorization: `Bearer ${token}` });
      expect([refused.status, refused.body.error.code]).toEqual([401, code]);
    }
    expect((await eventsOf(visitorId)).map((row) => [row.tenant_id, row.shopper_id, row.page])).toEqual([[shop.tenantId, own.shopperId, "pages/index/index"]]);
  });

  it("refuses a batch over the bound, a bad event or a store that is not open, keeping none of it", async () => {
    const visitorId = randomUUID();
    const tooMany = await report(api.url, shop.tenantId, { visitorId, events: Array.from({ length: MAX_BATCH_EVENTS + 1 }, () => pageView()) });
    expect([tooMany.status, tooMany.body.error]).toEqual([400, { code: "events.invalid", message: `events: at most ${MAX_BATCH_EVENTS} events per report` }]);
    const badItem = await report(api.url, shop.tenantId, { visitorId, events: [pageView(), { kind: "itemView", page: "pages/item/item", itemId: "1 OR 1=1", ageMs: 0 }] });
    expect([badItem.status, badItem.body.error.code, badItem.body.error.message.split(":")[0]]).toEqual([400, "events.invalid", "events.1.itemId"]);
    const noVisitor = await report(api.url, shop.tenantId, { events: [pageView()] });
    expect([noVisitor.status, noVisitor.body.error.message.split(":")[0]]).toEqual([400, "visitorId"]);
    const huge = await report(api.url, shop.tenantId, { visitorId, events: [pageView()], padding: "x".repeat(40_000) });
    expect(huge.status).toBe(413);
    const closed = await report(api.url, randomUUID(), { visitorId, events: [pageView()] });
    expect([closed.status, closed.body.error.code]).toEqual([404, "store.notFound"]);
    expect(await eventsOf(visitorId)).toEqual([]);
  });

  it("limits the reports of one client address, apart from its writes", async () => {
    const limited = await startShopApi(testDatabaseUrl(), { SHOP_API_CLIENT_REPORTS_PER_SECOND: "1", WECHAT_API_BASE: fake.baseUrl, KAIDIAN_MASTER_KEY: api.masterKey.toString("base64") });
    running.push(limited);
    const visitorId = randomUUID();
    const answers = await Promise.all(Array.from({ length: 30 }, () => report(limited.url, shop.tenantId, { visitorId, events: [pageView()] })));
    const refused = answers.filter((answer) => answer.status === 429);
    // 6 at once, one more a second: however slow the machine, most of 30 at once are refused.
    expect(refused.length).toBeGreaterThanOrEqual(15);
    expect(refused[0]!.body.error.code).toBe("rate.limited");
    expect((await eventsOf(visitorId)).length).toBe(answers.filter((answer) => answer.status === 202).length);
    // Logging in is a write, counted on its own budget.
    const code = fake.issueLoginCode(shop.appid, { openid: `o${randomUUID().replaceAll("-", "")}` });
    const login = await fetch(`${limited.url}/api/mp/v1/${shop.tenantId}/session`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ code }) });
    expect(login.status).toBe(200);
  });
});

/**
 * The runtime's reporter (apps/runtime-miniapp/src/lib/analytics.js) as a Mini Program runs it, with its own
 * requires, over a `wx` whose requests reach this shop-api over HTTP; `./site` is the package's baked settings.
 */
function loadReporter(apiBase: string) {
  const storage = new Map<string, unknown>();
  const hideHandlers: (() => void)[] = [];
  const wx = {
    getStorageSync: (key: string) => storage.get(key) ?? "",
    setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
    removeStorageSync: (key: string) => void storage.delete(key),
    onAppHide: (handler: () => void) => void hideHandlers.push(handler),
    request(options: { url: string; method: string; data?: unknown; header?: Record<string, string>; success(r: unknown): void; fail(e: unknown): void }) {
      const body = options.method === "GET" ? undefined : JSON.stringify(options.data ?? {});
      const sent = httpRequest(options.url, { method: options.method, headers: options.header }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => options.success({ statusCode: response.statusCode, data: JSON.parse(Buffer.concat(chunks).toString("utf8") || "null"), header: response.headers }));
      });
      sent.on("error", options.fail);
      sent.end(body);
    },
  };
  const lib = path.join(import.meta.dirname, "../../runtime-miniapp/src/lib");
  const loaded = new Map<string, unknown>([[path.join(lib, "site.js"), { baked: { apiBase } }]]);
  const load = (file: string): unknown => {
    if (loaded.has(file)) return loaded.get(file);
    const module = { exports: {} };
    loaded.set(file, module.exports);
    const run = vm.compileFunction(readFileSync(file, "utf8"), ["module", "exports", "require", "wx"], { filename: file });
    run(module, module.exports, (specifier: string) => load(path.join(path.dirname(file), `${specifier}.js`)), wx);
    loaded.set(file, module.exports);
    return module.exports;
  };
  const reporter = load(path.join(lib, "analytics.js")) as {
    startReporting(): void;
    trackPageView(page: string): void;
    trackItemView(page: string, itemId: string): void;
    flush(): Promise<void>;
    FLUSH_AT: number;
  };
  return { reporter, storage, hide: () => hideHandlers.forEach((handler) => handler()) };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let waited = 0; ; waited += 50) {
    const value = await read();
    if (done(value) || waited > 30_000) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the Mini Program's reporter", () => {
  it("keeps views until the app is hidden or a batch is full, then reports them as one anonymous visitor", async () => {
    const { reporter, storage, hide } = loadReporter(`${api.url}/api/mp/v1/${shop.tenantId}`);
    reporter.startReporting();
    const itemId = randomUUID();
    reporter.trackPageView("pages/home/index");
    reporter.trackItemView("pages/item/index", itemId);
    const visitorId = () => storage.get("kd-visitor") as string | undefined;
    expect(visitorId()).toBeUndefined();
    hide();
    const rows = await until(async () => (visitorId() ? eventsOf(visitorId()!) : []), (found) => found.length === 2);
    expect(rows.map((row) => [row.kind, row.page, row.item_id, row.shopper_id])).toEqual([
      ["pageView", "pages/home/index", null, null],
      ["itemView", "pages/item/index", itemId, null],
    ]);
    for (let i = 0; i < reporter.FLUSH_AT; i++) reporter.trackPageView("pages/category/index");
    const all = await until(() => eventsOf(visitorId()!), (found) => found.length === 2 + reporter.FLUSH_AT);
    expect(all).toHaveLength(2 + reporter.FLUSH_AT);
  });

  it("reports a logged-in shopper's views as theirs", async () => {
    const { reporter, storage } = loadReporter(`${api.url}/api/mp/v1/${shop.tenantId}`);
    const own = await login(shop);
    storage.set("kd-session", { token: own.token, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), shopper: { id: own.shopperId } });
    reporter.trackPageView("pages/profile/index");
    await reporter.flush();
    const rows = await eventsOf(storage.get("kd-visitor") as string);
    expect(rows.map((row) => [row.page, row.shopper_id])).toEqual([["pages/profile/index", own.shopperId]]);
  });
});
