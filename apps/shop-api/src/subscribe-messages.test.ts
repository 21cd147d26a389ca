// @vitest-environment jsdom
// Subscribe messages as a shopper gets them: the generated store package in the page harness (miniprogram-simulate)
// asks for the messages its order will send from the pay tap, talking over HTTP to a real shop-api on PostgreSQL;
// WeChat Pay's notifications (the fake's, signed) and the shopper's confirm pay the order and send "paid" once; the
// merchant's shipping sends "shipped"; a booking paid sends "booking confirmed". The fake WeChat API receives the
// messages and answers as WeChat does (43101 without an accept, 47003 for a value that does not fit its keyword).
import { randomUUID } from "node:crypto";
import type { Transaction } from "@kaidian/db";
import { tap } from "@kaidian/generator/testing/shopper";
import { saveTemplate } from "@kaidian/messages/server";
import { addStayDays, shanghaiToday } from "@kaidian/orders";
import { changeOrder, loadOrder, notifyOrderShipped } from "@kaidian/orders/server";
import { arrangeProduct, arrangeTradingStore, type TradingStore } from "@kaidian/orders/testing";
import type { FakeRequestPayment } from "@kaidian/payments/testing";
import { MiniProgramServerApi, wechatApiSettings } from "@kaidian/wechat/server-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Phone, type PhoneHarness, startPhoneHarness } from "./phone-harness";

const PAID = "orderPaidTemplate-messages-0123456789abcd";
const SHIPPED = "orderShippedTemplate-messages-0123456789ab";
const BOOKED = "bookingConfirmedTemplate-messages-012345678";

let harness: PhoneHarness;
let shop: TradingStore & { packageDir: string };
let hotel: TradingStore;
let phone: Phone;
/** What the shopper answers the next subscribe sheet; an accept is one send allowed per template, at the fake. */
let answer: "accept" | "reject" = "accept";
const payments: { notificationId: string }[] = [];

const inShop = <T,>(work: (tx: Transaction) => Promise<T>) => harness.db.scoped({ tenantId: shop.tenantId }, work);

async function sendsAbout(tenantId: string, orderId: string) {
  return harness.db.scoped({ tenantId }, (tx) =>
    tx.subscribeSend.findMany({ where: { subjectId: orderId }, orderBy: { createdAt: "asc" }, select: { purpose: true, outcome: true, problem: true, templateId: true } }),
  );
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (let pause = 20; ; pause = Math.min(pause * 2, 500)) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

beforeAll(async () => {
  harness = await startPhoneHarness({ serviceProvider: true });
  const { db, wechat, pay, masterKey, serviceProvider } = harness;
  const registerApp = (app: { appid: string; secret: string }) => wechat.registerApp(app);
  const store = await arrangeTradingStore(db, { name: "山野咖啡豆铺", masterKey, serviceProvider, registerApp });
  await arrangeProduct(db, store.tenantId, { title: "云南小粒咖啡豆", priceFen: 6800, stock: 50 });
  wechat.registerTemplate({ appid: store.appid, templateId: PAID, keywords: ["character_string1", "amount2", "thing3", "time4"] });
  wechat.registerTemplate({ appid: store.appid, templateId: SHIPPED, keywords: ["character_string1", "thing2", "character_string3"] });
  await db.scoped({ tenantId: store.tenantId }, async (tx) => {
    await saveTemplate(tx, store.tenantId, "orderPaid", { templateId: PAID, keywords: { orderNumber: "character_string1", amount: "amount2", items: "thing3", time: "time4" } }, store.tenantId);
    await saveTemplate(tx, store.tenantId, "orderShipped", { templateId: SHIPPED, keywords: { orderNumber: "character_string1", company: "thing2", trackingNumber: "character_string3" } }, store.tenantId);
  });
  shop = { ...store, packageDir: await harness.generate({ tenantId: store.tenantId, appid: store.appid, slug: "beans", templateId: "ecommerce" }) };
  phone = harness.phone(shop.packageDir, shop.appid, {
    address: { userName: "张三", telNumber: "13800000000", provinceName: "云南省", cityName: "昆明市", countyName: "五华区", detailInfo: "文林街 18 号", postalCode: "650031" },
    subscribe: (ids) => {
      if (answer === "reject") return "reject";
      for (const id of ids) wechat.acceptSubscription(shop.appid, phone.openid, id);
      return "accept";
    },
    pay: async (params) => {
      const order = await db.scoped({ tenantId: shop.tenantId }, (tx) => tx.order.findFirstOrThrow({ orderBy: { createdAt: "desc" }, select: { paymentNo: true } }));
      payments.push(pay.pay(order.paymentNo, { requestPayment: params as FakeRequestPayment }));
      return "paid" as const;
    },
  });
  hotel = await arrangeTradingStore(db, { name: "湖畔民宿", masterKey, serviceProvider, registerApp, templateId: "hotel" });
}, 300_000);

afterAll(() => harness?.close());

/** The shopper puts the mug in the cart, checks out by express and taps pay: the order's id. */
async function checkOut(): Promise<{ orderId: string; asked: unknown[] }> {
  const item = await inShop((tx) => tx.catalogItem.findFirstOrThrow({ where: { title: "云南小粒咖啡豆" }, select: { id: true } }));
  const page = await phone.open("pages/item/index", { id: item.id });
  await tap(page, ".kd-button", "加入购物车");
  phone.keep(page);
  const checkout = await phone.open("pages/checkout/index");
  await tap(checkout, ".kd-checkout__address");
  await tap(checkout, ".kd-checkout__pay");
  const asked = checkout.wx.calls.filter((call) => call.api === "requestSubscribeMessage").map((call) => call.options.tmplIds);
  // WeChat allows the ask only from the tap, before the pay sheet.
  expect(checkout.wx.calls.filter((call) => ["requestSubscribeMessage", "requestPayment"].includes(call.api)).map((call) => call.api)).toEqual(["requestSubscribeMessage", "requestPayment"]);
  const redirect = checkout.wx.calls.find((call) => call.api === "redirectTo")!;
  phone.keep(checkout);
  return { orderId: new URLSearchParams(String(redirect.options.url).split("?")[1]).get("id")!, asked };
}

const messagesTo = (templateId: string) => harness.wechat.sentMessages.filter((message) => message.touser === phone.openid && message.templateId === templateId);

describe("order messages", () => {
  it("asks for paid and shipped from the pay tap, sends paid exactly once when WeChat Pay notifies twice and the confirm races it, then shipped", async () => {
    const { pay, db, masterKey } = harness;
    pay.holdNotifications();
    const { orderId, asked } = await checkOut();
    expect(asked).toEqual([[PAID, SHIPPED]]);

    // The notification, the shopper back on the order page (confirm: WeChat Pay is asked), and a repeat of the
    // notification, all at once.
    const notificationId = payments.at(-1)!.notificationId;
    pay.releaseNotifications();
    const [detail] = await Promise.all([phone.open("pages/order-detail/index", { id: orderId, confirm: "1" }), pay.replayNotification(notificationId)]);
    await pay.idle();
    await pay.replayNotification(notificationId);
    expect(detail.text()).toContain("待发货");
    phone.keep(detail);

    const order = (await db.scoped({ tenantId: shop.tenantId }, (tx) => loadOrder(tx, orderId)))!;
    expect(order.status).toBe("paid");
    const sends = await until(() => sendsAbout(shop.tenantId, orderId), (rows) => rows.length > 0, "the paid message");
    expect(sends).toEqual([{ purpose: "orderPaid", outcome: "sent", problem: null, templateId: PAID }]);
    expect(messagesTo(PAID)).toHaveLength(1);
    expect(messagesTo(PAID)[0]).toMatchObject({ page: `pages/order-detail/index?id=${orderId}`, data: { character_string1: order.number, amount2: "78.00元", thing3: "云南小粒咖啡豆" } });
    expect(messagesTo(PAID)[0]!.data.time4).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);

    // The merchant ships (the dashboard's action: changeOrder, then the message once it has committed): the company's
    // long name is cut to a thing keyword's 20 characters, the tracking number kept as a character_string.
    const company = "顺丰速运同城急送加急特快专递服务有限公司深圳分公司";
    const shipped = await db.scoped({ tenantId: shop.tenantId }, (tx) =>
      changeOrder(tx, { orderId, command: { action: "ship", tracking: { company: company.slice(0, 20), number: "SF1234567890" } }, actor: { role: "merchantOwner", id: null } }),
    );
    if (!shipped.ok) throw new Error("not shipped");
    const api = new MiniProgramServerApi({ db, masterKey, settings: wechatApiSettings({ WECHAT_API_BASE: harness.wechat.baseUrl }) });
    expect(await notifyOrderShipped(db, api, masterKey, { ...shipped.order, tracking: { company, number: "SF1234567890" } })).toBe("sent");
    expect(messagesTo(SHIPPED)).toEqual([expect.objectContaining({ data: { character_string1: order.number, thing2: [...company].slice(0, 20).join(""), character_string3: "SF1234567890" } })]);
    // Shipping twice (a retried action) finds its claim taken: nothing more is sent or recorded.
    expect(await notifyOrderShipped(db, api, masterKey, shipped.order)).toBeNull();
    expect((await sendsAbout(shop.tenantId, orderId)).map((send) => `${send.purpose}:${send.outcome}`)).toEqual(["orderPaid:sent", "orderShipped:sent"]);
  });

  it("records a shopper who did not accept as refused (43101) and never tries again", async () => {
    answer = "reject";
    const { orderId } = await checkOut();
    await harness.pay.idle();
    const sends = await until(() => sendsAbout(shop.tenantId, orderId), (rows) => rows.length > 0, "the paid message");
    expect(sends).toEqual([{ purpose: "orderPaid", outcome: "refused", problem: null, templateId: PAID }]);
    expect((await harness.db.scoped({ tenantId: shop.tenantId }, (tx) => loadOrder(tx, orderId)))!.status).toBe("paid");
    await harness.pay.replayNotification(payments.at(-1)!.notificationId);
    expect(await sendsAbout(shop.tenantId, orderId)).toHaveLength(1);
    answer = "accept";
  });

  it("pays an order whose store has no paid template, recording the message as not set up, and asks only for what is set up", async () => {
    await inShop((tx) => saveTemplate(tx, shop.tenantId, "orderPaid", null, shop.tenantId));
    const { orderId, asked } = await checkOut();
    expect(asked).toEqual([[SHIPPED]]);
    await harness.pay.idle();
    expect((await harness.db.scoped({ tenantId: shop.tenantId }, (tx) => loadOrder(tx, orderId)))!.status).toBe("paid");
    const sends = await until(() => sendsAbout(shop.tenantId, orderId), (rows) => rows.length > 0, "the paid message");
    expect(sends).toEqual([{ purpose: "orderPaid", outcome: "notSetUp", problem: "template", templateId: null }]);
  });

  it("records WeChat's refusal of a message as failed, by its kind", async () => {
    await inShop((tx) =>
      saveTemplate(tx, shop.tenantId, "orderPaid", { templateId: PAID, keywords: { orderNumber: "character_string1", amount: "amount2", items: "thing3", time: "time4" } }, shop.tenantId),
    );
    harness.wechat.inject("/cgi-bin/message/subscribe/send", { errcode: 47003 });
    const { orderId } = await checkOut();
    await harness.pay.idle();
    const sends = await until(() => sendsAbout(shop.tenantId, orderId), (rows) => rows.length > 0, "the paid message");
    expect(sends).toEqual([{ purpose: "orderPaid", outcome: "failed", problem: "subscribe.badData", templateId: PAID }]);
  });
});

describe("a hotel booking", () => {
  it("sends booking confirmed with the room, the dates and the guest once the booking is paid", async () => {
    const { db, wechat, pay } = harness;
    const { id: itemId } = await db.scoped({ tenantId: hotel.tenantId }, (tx) =>
      tx.catalogItem.create({
        data: { tenantId: hotel.tenantId, kind: "ROOM", title: "湖景大床房", priceFen: 38_800, details: { capacity: 2, rooms: 3, cancellation: { kind: "free", hoursBefore: 24 } } },
        select: { id: true },
      }),
    );
    wechat.registerTemplate({ appid: hotel.appid, templateId: BOOKED, keywords: ["thing1", "date2", "date3", "name4"] });
    await db.scoped({ tenantId: hotel.tenantId }, (tx) =>
      saveTemplate(tx, hotel.tenantId, "bookingConfirmed", { templateId: BOOKED, keywords: { roomType: "thing1", checkIn: "date2", checkOut: "date3", guest: "name4" } }, hotel.tenantId),
    );
    const base = `${harness.shopApi.url}/api/mp/v1/${hotel.tenantId}`;
    const ordering = await (await fetch(`${base}/ordering`)).json();
    expect(ordering.messageTemplates).toEqual({ orderPaid: null, orderShipped: null, orderReady: null, bookingConfirmed: BOOKED });

    const openid = `o${randomUUID().replaceAll("-", "")}`;
    const session = await (await fetch(`${base}/session`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ code: wechat.issueLoginCode(hotel.appid, { openid }) }) })).json();
    wechat.acceptSubscription(hotel.appid, openid, BOOKED);
    const checkIn = addStayDays(shanghaiToday(new Date()), 3);
    const checkOut = addStayDays(checkIn, 2);
    const booked = await fetch(`${base}/bookings`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${session.token}`, "Idempotency-Key": randomUUID() },
      body: JSON.stringify({ itemId, checkIn, checkOut, guests: 2, guestName: "王小明", guestPhone: "13800138000", seenTotalFen: 77_600 }),
    });
    const body = await booked.json();
    expect(booked.status, JSON.stringify(body)).toBe(201);
    const { paymentNo } = await db.scoped({ tenantId: hotel.tenantId }, (tx) => tx.order.findFirstOrThrow({ where: { id: body.order.id }, select: { paymentNo: true } }));
    pay.pay(paymentNo, { requestPayment: body.payment });
    await pay.idle();

    const sends = await until(() => sendsAbout(hotel.tenantId, body.order.id), (rows) => rows.length > 0, "the booking message");
    expect(sends).toEqual([{ purpose: "bookingConfirmed", outcome: "sent", problem: null, templateId: BOOKED }]);
    const day = (date: string) => `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
    expect(wechat.sentMessages.filter((message) => message.touser === openid)).toEqual([
      expect.objectContaining({ templateId: BOOKED, data: { thing1: "湖景大床房", date2: day(checkIn), date3: day(checkOut), name4: "王小明" } }),
    ]);
  });
});
