// Queue numbers over real HTTP: a real shop-api on the real database, shoppers logged in at the fake WeChat, staff's
// calls made as the dashboard makes them, and the "called" subscribe message sent to the fake WeChat API.
import { randomUUID } from "node:crypto";
import type { Database } from "@kaidian/db";
import { testDatabase, testDatabaseUrl } from "@kaidian/db/testing";
import { saveTemplate } from "@kaidian/messages/server";
import { changeOrder, notifyOrderReady, orderView } from "@kaidian/orders/server";
import { arrangeTradingStore, seedOrder, type TradingStore } from "@kaidian/orders/testing";
import { DEFAULT_QUEUE_SETTINGS } from "@kaidian/queue";
import { actOnTicket, callNext, notifyCalled, readTicket, saveQueueSettings } from "@kaidian/queue/server";
import { MiniProgramServerApi, wechatApiSettings } from "@kaidian/wechat/server-api";
import { type FakeWechatApi, startFakeWechatApi } from "@kaidian/wechat/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningShopApi, startShopApi } from "./testing";

let api: RunningShopApi;
let fake: FakeWechatApi;
let db: Database;
let wechat: MiniProgramServerApi;
let shop: TradingStore;
const TEMPLATE = "queueCalledTemplate-0123456789abcdefABCDEF";

beforeAll(async () => {
  fake = await startFakeWechatApi();
  api = await startShopApi(testDatabaseUrl(), { WECHAT_API_BASE: fake.baseUrl });
  db = testDatabase();
  wechat = new MiniProgramServerApi({ db, masterKey: api.masterKey, settings: wechatApiSettings({ WECHAT_API_BASE: fake.baseUrl }) });
  shop = await arrangeTradingStore(db, {
    name: "老街排队面馆",
    templateId: "restaurant",
    masterKey: api.masterKey,
    registerApp: (app) => fake.registerApp({ ...app, pages: ["pages/home/index", "pages/order-detail/index"] }),
  });
  fake.registerTemplate({ appid: shop.appid, templateId: TEMPLATE, keywords: ["character_string1", "thing2", "thing3"] });
  await db.scoped({ tenantId: shop.tenantId }, async (tx) => {
    await saveQueueSettings(tx, shop.tenantId, { userId: randomUUID(), revision: 0 }, { ...DEFAULT_QUEUE_SETTINGS, enabled: true });
    await saveTemplate(tx, shop.tenantId, "queueCalled", { templateId: TEMPLATE, keywords: { number: "character_string1", store: "thing2", note: "thing3" } }, randomUUID());
  });
});

afterAll(async () => {
  await api.close();
  await fake.close();
  await db.disconnect();
});

async function call(method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}) {
  const answer = await fetch(`${api.url}/api/mp/v1/${shop.tenantId}/${path}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: answer.status, body: await answer.json() };
}

async function login() {
  const openid = `o${randomUUID().replaceAll("-", "")}`;
  const answer = await call("POST", "session", undefined, { code: fake.issueLoginCode(shop.appid, { openid }) });
  return { token: answer.body.token as string, shopperId: answer.body.shopper.id as string, openid };
}

const staffId = randomUUID();
const inShop = <T>(work: Parameters<typeof db.scoped<T>>[1]) => db.scoped({ tenantId: shop.tenantId }, work);

describe("the shopper's number", () => {
  it("shows the groups, takes a number, counts who is ahead as staff work through the queue, and is told when called", async () => {
    const first = await login();
    const second = await login();
    const groups = await call("GET", "queue");
    expect(groups.body).toMatchObject({ enabled: true, calledTemplateId: TEMPLATE, groups: [{ prefix: "A", label: "小桌", sizes: "1–2 人" }, { prefix: "B", sizes: "3–4 人" }, { prefix: "C", sizes: "5 人以上" }] });
    const before = groups.body.groups[1].waiting as number;

    const a = await call("POST", "queue/tickets", first.token, { partySize: 3 });
    const b = await call("POST", "queue/tickets", second.token, { partySize: 4 });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body).toMatchObject({ prefix: "B", number: a.body.number + 1, code: `B${String(a.body.number + 1).padStart(3, "0")}`, status: "waiting", statusName: "排队中", ahead: before + 1, group: "中桌" });
    expect((await call("GET", "queue")).body.groups[1].waiting).toBe(before + 2);
    // Taking again answers the number held.
    const again = await call("POST", "queue/tickets", second.token, { partySize: 3 });
    expect([again.status, again.body.id]).toEqual([200, b.body.id]);

    // The shopper accepted the template when taking the number (wx.requestSubscribeMessage): one message allowed.
    fake.acceptSubscription(shop.appid, second.openid, TEMPLATE);
    let called;
    do {
      called = await inShop((tx) => callNext(tx, "B"));
      if (!called.ok) throw new Error("nobody waiting");
      if (called.ticket.id !== b.body.id) await inShop((tx) => actOnTicket(tx, called!.ok ? called!.ticket.id : "", "skip", staffId));
    } while (called.ticket.id !== b.body.id);
    expect(await notifyCalled(db, wechat, api.masterKey, shop.tenantId, called.ticket)).toBe("sent");
    expect(fake.sentMessages.at(-1)).toEqual({
      appid: shop.appid,
      touser: second.openid,
      templateId: TEMPLATE,
      page: `pages/home/index?queue=${b.body.id}`,
      data: { character_string1: b.body.code, thing2: "老街排队面馆", thing3: "已叫到您的号，请到前台就座" },
    });
    const polled = await call("GET", `queue/tickets/${b.body.id}`, second.token, undefined, { "Accept-Language": "en" });
    expect(polled.body).toMatchObject({ status: "called", statusName: "called", ahead: 0 });
    expect((await call("GET", `queue/tickets/${b.body.id}`, first.token)).status).toBe(404);

    // A second call of the same number finds the shopper's accept spent: recorded as refused, not lost.
    const recalled = await inShop((tx) => actOnTicket(tx, b.body.id, "call", staffId));
    if (!recalled.ok) throw new Error("not recalled");
    expect(await notifyCalled(db, wechat, api.masterKey, shop.tenantId, recalled.ticket)).toBe("refused");
    const sends = await inShop((tx) => tx.subscribeSend.findMany({ where: { subjectId: b.body.id }, orderBy: { createdAt: "asc" }, select: { outcome: true, purpose: true } }));
    expect(sends).toEqual([{ outcome: "sent", purpose: "queueCalled" }, { outcome: "refused", purpose: "queueCalled" }]);

    // The shopper gives up their place; the number is then finished.
    const cancelled = await call("POST", `queue/tickets/${b.body.id}/cancel`, second.token, {});
    expect(cancelled.body.status).toBe("cancelled");
    const late = await call("POST", `queue/tickets/${b.body.id}/cancel`, second.token, {});
    expect([late.status, late.body.error]).toEqual([409, { code: "queue.ticketClosed", message: "这个号已结束（已入座、过号或取消）。" }]);
    expect((await call("GET", "queue/tickets/current", second.token)).body.ticket).toBeNull();
    // The number before it was skipped to reach it: its shopper sees so, and holds no live number.
    expect((await call("GET", `queue/tickets/${a.body.id}`, first.token)).body).toMatchObject({ status: "skipped", statusName: "已过号" });
    expect((await call("GET", "queue/tickets/current", first.token)).body.ticket).toBeNull();
  });

  it("records a failed send with WeChat's reason, and a store without a template as not set up", async () => {
    const guest = await login();
    const taken = await call("POST", "queue/tickets", guest.token, { partySize: 6 });
    const ticket = (await inShop((tx) => readTicket(tx, taken.body.id)))!;
    fake.inject("/cgi-bin/message/subscribe/send", { errcode: 40037 }, { appid: shop.appid });
    expect(await notifyCalled(db, wechat, api.masterKey, shop.tenantId, ticket)).toBe("failed");
    await inShop((tx) => saveTemplate(tx, shop.tenantId, "queueCalled", null, staffId));
    expect(await notifyCalled(db, wechat, api.masterKey, shop.tenantId, ticket)).toBe("notSetUp");
    const sends = await inShop((tx) => tx.subscribeSend.findMany({ where: { subjectId: ticket.id }, orderBy: { createdAt: "asc" }, select: { outcome: true, problem: true } }));
    expect(sends).toEqual([{ outcome: "failed", problem: expect.stringMatching(/40037|template/i) }, { outcome: "notSetUp", problem: "template" }]);
    expect((await call("GET", "queue")).body.calledTemplateId).toBeNull();
    await inShop((tx) => saveTemplate(tx, shop.tenantId, "queueCalled", { templateId: TEMPLATE, keywords: { number: "character_string1", store: "thing2", note: "thing3" } }, staffId));
  });

  it("refuses a party size no group takes, and numbers while the queue is off, in the shopper's words", async () => {
    const guest = await login();
    const zero = await call("POST", "queue/tickets", guest.token, { partySize: 0 });
    expect([zero.status, zero.body.error.code]).toEqual([400, "queue.partySize"]);
    await inShop(async (tx) => {
      const current = await tx.queueSettings.findFirstOrThrow({ select: { revision: true } });
      await saveQueueSettings(tx, shop.tenantId, { userId: staffId, revision: current.revision }, { ...DEFAULT_QUEUE_SETTINGS, enabled: false });
    });
    const closed = await call("POST", "queue/tickets", guest.token, { partySize: 2 }, { "Accept-Language": "en" });
    expect([closed.status, closed.body.error]).toEqual([409, { code: "queue.closed", message: "This store does not take queue numbers online now: take one in the store." }]);
    expect((await call("GET", "queue")).body.enabled).toBe(false);
  });
});

describe("takeaway", () => {
  const READY = "orderReadyTemplate-0123456789abcdefABCDEF";

  it("gives a paid takeaway its pickup number and tells the shopper when the merchant marks it ready", async () => {
    fake.registerTemplate({ appid: shop.appid, templateId: READY, keywords: ["number1", "thing2", "thing3"] });
    await inShop((tx) => saveTemplate(tx, shop.tenantId, "orderReady", { templateId: READY, keywords: { number: "number1", store: "thing2", note: "thing3" } }, staffId));
    const seeded = await inShop((tx) => seedOrder(tx, shop.tenantId, { lines: [{ title: "牛肉面", unitPriceFen: 2800, quantity: 1 }], delivery: { method: "pickup", pickupAddress: "老街 8 号" }, paid: false }));
    const paid = await inShop((tx) => changeOrder(tx, { orderId: seeded.id, command: { action: "pay", amountFen: 2800 }, actor: { role: "paymentNotification", id: null } }));
    if (!paid.ok) throw new Error("not paid");
    expect(paid.order.pickupNumber).toBeGreaterThanOrEqual(1);
    const ready = await inShop((tx) => changeOrder(tx, { orderId: seeded.id, command: { action: "markReady" }, actor: { role: "merchantStaff", id: staffId } }));
    if (!ready.ok) throw new Error("not ready");
    const shopper = await inShop((tx) => tx.shopper.findFirstOrThrow({ where: { id: ready.order.shopperId }, select: { openid: true } }));
    fake.acceptSubscription(shop.appid, shopper.openid, READY);
    expect(await notifyOrderReady(db, wechat, api.masterKey, ready.order)).toBe("sent");
    const pickupNumber = String(paid.order.pickupNumber).padStart(3, "0");
    expect(fake.sentMessages.at(-1)).toEqual({
      appid: shop.appid,
      touser: shopper.openid,
      templateId: READY,
      page: `pages/order-detail/index?id=${seeded.id}`,
      data: { number1: pickupNumber, thing2: "老街排队面馆", thing3: "您的餐已备好，请到店取餐" },
    });
    expect(orderView(ready.order, "zh-CN")).toMatchObject({ status: "ready", statusName: "待取餐", pickupNumber });
    // Told again by mistake (a repeated action): the order's ready message is claimed once, so nothing more is
    // sent or recorded.
    expect(await notifyOrderReady(db, wechat, api.masterKey, ready.order)).toBeNull();
    const sends = await inShop((tx) => tx.subscribeSend.findMany({ where: { subjectId: seeded.id }, orderBy: { createdAt: "asc" }, select: { purpose: true, outcome: true } }));
    expect(sends).toEqual([{ purpose: "orderReady", outcome: "sent" }]);
  });
});
