// Paying for orders end to end: the real shop-api receives the fake WeChat Pay's signed, encrypted notifications
// (duplicated, forged, tampered, late), on a database of this file's own (the order timers act on every store).
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { arrangeCatalogStore } from "@kaidian/catalog/testing";
import { Database } from "@kaidian/db";
import { isolatedTestDatabase } from "@kaidian/db/testing";
import { changeOrder, confirmPayment, expireDueOrders, loadOrder, preparePayment, refundOrder, reserveStock, stockLeft, uploadDueShipping, type PaymentDeps } from "@kaidian/orders/server";
import { serviceProviderFromEnv, wechatpayConnection, type ServiceProvider } from "@kaidian/payments";
import { savePaymentSettings } from "@kaidian/payments/server";
import { arrangeServiceProvider, startFakeWechatPay, testAppid, testMchid, testMerchant, type FakeWechatPay, type TestServiceProvider } from "@kaidian/payments/testing";
import { MiniProgramServerApi, sealAppSecret } from "@kaidian/wechat/server-api";
import { startFakeWechatApi, type FakeWechatApi } from "@kaidian/wechat/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startShopApi, type RunningShopApi } from "./testing";

const SKU = ["250g"];
let providerRegistration: ReturnType<typeof testMerchant>["registration"];
const masterKey = randomBytes(32);
let database: { url: string; drop(): Promise<void> };
let db: Database;
let pay: FakeWechatPay;
let wechat: FakeWechatApi;
let shopApi: RunningShopApi;
let deps: PaymentDeps;
let sp: TestServiceProvider;
let provider: { keys: ServiceProvider; env: Record<string, string> };
let store: { tenantId: string; userId: string; itemId: string; shopperId: string; openid: string; appid: string; mchid: string };

beforeAll(async () => {
  database = await isolatedTestDatabase();
  db = new Database(database.url, { maxConnections: 6 });
  // WeChat Pay resends a refused notification; shortened from its 15 s … 6 h.
  pay = await startFakeWechatPay({ resendScheduleMs: [100, 200] });
  wechat = await startFakeWechatApi();
  // The platform's service-provider account, given to shop-api as an operator would: settings and key files.
  sp = await arrangeServiceProvider(pay);
  provider = { keys: serviceProviderFromEnv(sp.env, (file) => readFileSync(file, "utf8"))!, env: sp.env };
  shopApi = await startShopApi(database.url, { KAIDIAN_MASTER_KEY: masterKey.toString("base64"), ...sp.env });
  deps = { masterKey, provider: provider.keys, connection: wechatpayConnection({ WECHATPAY_API_BASE: pay.baseUrl }), shopApiUrl: shopApi.url };
  providerRegistration = sp.registration;

  const arranged = await arrangeCatalogStore(db, "product");
  const appid = testAppid();
  const appSecret = randomBytes(16).toString("hex");
  wechat.registerApp({ appid, secret: appSecret });
  const merchant = testMerchant(pay.wechatpayKeys, { appids: [appid] });
  pay.registerMerchant(merchant.registration);
  const openid = `o${randomBytes(12).toString("hex")}`;
  const tenantId = arranged.tenantId;
  const shopperId = await db.scoped({ tenantId }, async (tx) => {
    await tx.tenantMember.create({ data: { tenantId, userId: arranged.userId, role: "OWNER" } });
    await tx.wechatCredential.create({ data: { tenantId, appid, robot: 1, appSecretCiphertext: sealAppSecret(appSecret, masterKey, tenantId) } });
    const keys = merchant.keys;
    await savePaymentSettings(tx, tenantId, { userId: arranged.userId, revision: 0 }, {
      mode: "direct", mchid: keys.mchid, certificateSerial: keys.certificateSerial, privateKey: keys.privateKey, apiV3Key: keys.apiV3Key,
      wechatpayKeySerial: keys.wechatpayKeys[0]!.serial, wechatpayPublicKey: keys.wechatpayKeys[0]!.publicKey,
    }, masterKey);
    return (await tx.shopper.create({ data: { tenantId, openid } })).id;
  });
  store = { tenantId, userId: arranged.userId, itemId: arranged.items[0]!, shopperId, openid, appid, mchid: merchant.keys.mchid };
  await setStock(100);
}, 120_000);

afterAll(async () => {
  await shopApi?.close();
  await pay?.close();
  await wechat?.close();
  await db?.disconnect();
  await database?.drop();
  await sp?.dispose();
});

const inStore = <T>(work: (tx: Parameters<Parameters<Database["scoped"]>[1]>[0]) => Promise<T>) => db.scoped({ tenantId: store.tenantId }, work);
const setStock = (stock: number) => inStore((tx) => tx.$executeRaw`UPDATE catalog_items SET details = jsonb_set(details, '{skus,0,stock}', to_jsonb(${stock}::int)) WHERE id = ${store.itemId}::uuid`);
const left = () => inStore((tx) => stockLeft(tx, { itemId: store.itemId, skuOptions: SKU }));
const order = (id: string) => inStore(async (tx) => (await loadOrder(tx, id))!);

/** An unpaid order of `quantity` at ¥68 each, its stock reserved as placing it does. */
async function placed(quantity = 1, delivery: "express" | "pickup" = "express") {
  return inStore(async (tx) => {
    const reservation = await reserveStock(tx, { itemId: store.itemId, skuOptions: SKU, quantity });
    if (!reservation.ok) throw new Error(`only ${reservation.left} left`);
    const totalFen = 6800 * quantity;
    const created = await tx.order.create({
      data: {
        tenantId: store.tenantId, number: `T-${randomUUID().slice(0, 8)}`, shopperId: store.shopperId, status: "pendingPayment", delivery,
        subtotalFen: totalFen, deliveryFeeFen: 0, totalFen, paymentNo: `KD${randomBytes(12).toString("hex")}`, expiresAt: new Date(Date.now() + 15 * 60_000),
      },
    });
    await tx.orderLine.create({
      data: { tenantId: store.tenantId, orderId: created.id, position: 0, itemId: store.itemId, kind: "product", title: "咖啡豆", skuOptions: SKU, quantity, unitPriceFen: 6800, lineTotalFen: totalFen, stockReserved: true },
    });
    return { id: created.id, paymentNo: created.paymentNo, totalFen };
  });
}

/** The shopper pays in wx.requestPayment with the parameters the server signed. */
async function paid(placedOrder: { id: string; paymentNo: string }, options: { paidFen?: number } = {}) {
  const prepared = await preparePayment(db, { tenantId: store.tenantId, orderId: placedOrder.id }, deps);
  if (!prepared.ok) throw new Error(prepared.code);
  return pay.pay(placedOrder.paymentNo, { requestPayment: prepared.payment, ...options });
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (let pause = 20; ; pause = Math.min(pause * 2, 500)) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

const payEvents = (o: Awaited<ReturnType<typeof order>>) => o.events.filter((event) => event.action === "pay");

describe("the payment notification", () => {
  it("pays the order exactly once when WeChat Pay sends it six times at once and replays it later", async () => {
    const placedOrder = await placed();
    pay.spoilNextNotification({ duplicates: 5 });
    const { transactionId, notificationId } = await paid(placedOrder);
    await pay.idle();
    const after = await order(placedOrder.id);
    expect(after).toMatchObject({ status: "paid", paidFen: placedOrder.totalFen, transactionId, paymentProblem: null });
    expect(after.paidAt).toBeInstanceOf(Date);
    expect(payEvents(after)).toEqual([expect.objectContaining({ from: "pendingPayment", to: "paid", actor: { role: "paymentNotification", id: null }, amountFen: placedOrder.totalFen })]);
    const answers = pay.deliveries.filter((delivery) => delivery.notificationId === notificationId).map((delivery) => delivery.result);
    expect(answers).toEqual([204, 204, 204, 204, 204, 204]);
    // A replay, signed as first sent: answered as done, changes nothing.
    expect(await pay.replayNotification(notificationId)).toBe(204);
    expect(payEvents(await order(placedOrder.id))).toHaveLength(1);
  });

  it("refuses a forged or tampered notification with 401, logs it, and leaves the order unpaid", async () => {
    const placedOrder = await placed();
    pay.spoilNextNotification({ forgeSignature: true });
    const { notificationId } = await paid(placedOrder);
    await pay.idle();
    expect(pay.deliveries.filter((delivery) => delivery.notificationId === notificationId).map((delivery) => delivery.result)).toEqual([401, 401, 401]);
    expect((await order(placedOrder.id)).status).toBe("pendingPayment");
    expect(shopApi.logs.join("")).toMatch(/"refusal":"badSignature".*WeChat Pay notification refused/);

    const tampered = await placed();
    pay.spoilNextNotification({ tamperAmountFen: 1 });
    await paid(tampered);
    await pay.idle();
    expect((await order(tampered.id))).toMatchObject({ status: "pendingPayment", paymentProblem: null });
  });

  it("flags an order WeChat Pay reports paid with another amount, and never marks it paid", async () => {
    const placedOrder = await placed();
    const { transactionId } = await paid(placedOrder, { paidFen: placedOrder.totalFen - 1 });
    await pay.idle();
    expect(await order(placedOrder.id)).toMatchObject({ status: "pendingPayment", paidFen: 0, transactionId, paymentProblem: `amountMismatch:${placedOrder.totalFen - 1}` });
  });

  it("answers a notification for an order this store does not have so that WeChat Pay keeps retrying", async () => {
    const placedOrder = await placed();
    pay.holdNotifications();
    const { notificationId } = await paid(placedOrder);
    // The order vanishes before the notification arrives (as if placed in another store).
    await inStore((tx) => tx.order.updateMany({ where: { id: placedOrder.id }, data: { paymentNo: `GONE${randomBytes(8).toString("hex")}` } }));
    pay.releaseNotifications();
    await pay.idle();
    expect(pay.deliveries.filter((delivery) => delivery.notificationId === notificationId).map((delivery) => delivery.result)).toEqual([404, 404, 404]);
    expect(shopApi.logs.join("")).toContain(`"outTradeNo":"${placedOrder.paymentNo}","outcome":"unknownOrder"`);
  });

  it("is confirmed by a query when the shopper comes back first, and the notification that follows changes nothing", async () => {
    const placedOrder = await placed();
    pay.holdNotifications();
    await paid(placedOrder);
    const confirmed = await confirmPayment(db, { tenantId: store.tenantId, orderId: placedOrder.id }, deps);
    expect(confirmed).toMatchObject({ status: "paid", paidFen: placedOrder.totalFen });
    pay.releaseNotifications();
    await pay.idle();
    expect(payEvents(await order(placedOrder.id))).toHaveLength(1);
  });
});

describe("concurrency and partner mode", () => {
  it("pays once when the notification and the shopper's return race", async () => {
    const placedOrder = await placed();
    pay.holdNotifications();
    await paid(placedOrder);
    pay.releaseNotifications();
    await Promise.all(Array.from({ length: 4 }, () => confirmPayment(db, { tenantId: store.tenantId, orderId: placedOrder.id }, deps)));
    await pay.idle();
    const after = await order(placedOrder.id);
    expect(after).toMatchObject({ status: "paid", paidFen: placedOrder.totalFen });
    expect(payEvents(after)).toHaveLength(1);
  });

  it("takes payment for a sub-merchant through the platform's service provider, and refuses a notification meant for another merchant", async () => {
    const arranged = await arrangeCatalogStore(db, "product");
    const tenantId = arranged.tenantId;
    const appid = testAppid();
    const subMchid = testMchid();
    providerRegistration.subMerchants!.push({ subMchid, appids: [appid] });
    pay.registerMerchant(providerRegistration);
    const openid = `o${randomBytes(12).toString("hex")}`;
    const placedOrder = await db.scoped({ tenantId }, async (tx) => {
      await tx.wechatCredential.create({ data: { tenantId, appid, robot: 1 } });
      await savePaymentSettings(tx, tenantId, { userId: arranged.userId, revision: 0 }, { mode: "partner", subMchid }, masterKey);
      const shopper = await tx.shopper.create({ data: { tenantId, openid } });
      return tx.order.create({
        data: { tenantId, number: "P-1", shopperId: shopper.id, status: "pendingPayment", delivery: "pickup", subtotalFen: 990, deliveryFeeFen: 0, totalFen: 990, paymentNo: `KD${randomBytes(12).toString("hex")}`, expiresAt: new Date(Date.now() + 60_000) },
      });
    });
    const prepared = await preparePayment(db, { tenantId, orderId: placedOrder.id }, deps);
    if (!prepared.ok) throw new Error(prepared.code);
    // WeChat checks the paySign over the store's own Mini Program (the sub_appid).
    const partnerPayment = pay.pay(placedOrder.paymentNo, { mchid: providerRegistration.mchid, requestPayment: prepared.payment });
    await pay.idle();
    expect(await db.scoped({ tenantId }, (tx) => loadOrder(tx, placedOrder.id))).toMatchObject({ status: "paid", paidFen: 990 });
    expect(pay.order(placedOrder.paymentNo, providerRegistration.mchid)).toMatchObject({ subMchid, subAppid: appid, payer: { sub_openid: openid } });

    // The provider's keys verify every sub-merchant's notifications: one for this sub-merchant, posted to another
    // sub-merchant's store, is not that store's to apply, and WeChat Pay is told to keep it for its real owner.
    const neighbour = await arrangeCatalogStore(db, "product");
    await db.scoped({ tenantId: neighbour.tenantId }, async (tx) => {
      await tx.wechatCredential.create({ data: { tenantId: neighbour.tenantId, appid: testAppid(), robot: 1 } });
      await savePaymentSettings(tx, neighbour.tenantId, { userId: neighbour.userId, revision: 0 }, { mode: "partner", subMchid: testMchid() }, masterKey);
    });
    const forNeighbour = pay.sentNotification(partnerPayment.notificationId);
    const misdirected = await fetch(`${shopApi.url}/api/mp/v1/${neighbour.tenantId}/payments/notify`, { method: "POST", headers: forNeighbour.headers, body: forNeighbour.body });
    expect(misdirected.status).toBe(404);
    expect(shopApi.logs.join("")).toContain(`"event":"otherMerchant"`);

    // A genuine notification of another merchant account, posted to this store: it does not verify with its keys.
    const other = await placed();
    const { notificationId } = await paid(other);
    await pay.idle();
    const sent = pay.sentNotification(notificationId);
    const response = await fetch(`${shopApi.url}/api/mp/v1/${tenantId}/payments/notify`, { method: "POST", headers: sent.headers, body: sent.body });
    expect(response.status).toBe(401);
  });
});

describe("expiry", () => {
  it("expires unpaid orders past their time, gives their stock back and closes them at WeChat Pay", async () => {
    await setStock(5);
    const placedOrder = await placed(2);
    await preparePayment(db, { tenantId: store.tenantId, orderId: placedOrder.id }, deps);
    expect(await left()).toBe(3);
    await inStore((tx) => tx.order.updateMany({ where: { id: placedOrder.id }, data: { expiresAt: new Date(Date.now() - 1000) } }));
    expect(await expireDueOrders(db, deps)).toBeGreaterThanOrEqual(1);
    expect(await order(placedOrder.id)).toMatchObject({ status: "cancelled" });
    expect((await order(placedOrder.id)).events.at(-1)).toMatchObject({ action: "expire", actor: { role: "system", id: null } });
    expect(await left()).toBe(5);
    expect(pay.order(placedOrder.paymentNo)?.state).toBe("CLOSED");
    // A second worker's round finds nothing more to do.
    expect(await expireDueOrders(db, deps)).toBe(0);
  });

  it("gives back a payment that arrives after the order expired, once, never paying the order", async () => {
    const placedOrder = await placed();
    pay.holdNotifications();
    const { transactionId, notificationId } = await paid(placedOrder);
    await inStore((tx) => changeOrder(tx, { orderId: placedOrder.id, command: { action: "expire" }, actor: { role: "system", id: null } }));
    pay.releaseNotifications();
    await pay.idle();
    expect(await order(placedOrder.id)).toMatchObject({ status: "cancelled", paidFen: 0, transactionId, paymentProblem: "paidAfterCancel" });

    // The whole payment goes back through WeChat Pay; its refund notification (delivered here by hand: this
    // shop-api's public address is not where it listens) settles the refund's row.
    const refunds = () => inStore((tx) => tx.refund.findMany({ where: { orderId: placedOrder.id } }));
    const givenBack = () => pay.refunds.filter((given) => given.orderKey.endsWith(`:${placedOrder.paymentNo}`));
    const refundNotification = await until(
      async () => pay.deliveries.find((delivery) => delivery.eventType === "REFUND.SUCCESS" && delivery.outTradeNo === placedOrder.paymentNo),
      (delivery) => delivery !== undefined,
      "WeChat Pay's refund of the stray payment",
    );
    expect(givenBack().map((given) => given.refundFen)).toEqual([placedOrder.totalFen]);
    const sent = pay.sentNotification(refundNotification!.notificationId);
    expect((await fetch(`${shopApi.url}/api/mp/v1/${store.tenantId}/refunds/notify`, { method: "POST", headers: sent.headers, body: sent.body })).status).toBe(204);
    const [refund] = await refunds();
    expect(refund).toMatchObject({ kind: "paidAfterCancel", status: "success", amountFen: placedOrder.totalFen, requestedById: null });
    // WeChat Pay resends the payment's notification: nothing more is refunded.
    expect(await pay.replayNotification(notificationId)).toBe(204);
    await pay.idle();
    expect(await refunds()).toHaveLength(1);
    expect(givenBack()).toHaveLength(1);
    // The order stays as it was: cancelled, never paid, nothing refunded of what it was never paid.
    expect(await order(placedOrder.id)).toMatchObject({ status: "cancelled", paidFen: 0, refundedFen: 0 });
    expect((await order(placedOrder.id)).events.map((event) => event.action)).not.toContain("refund");
  });
});

describe("refunds", () => {
  it("refund in part, then the rest with the stock put back, each settled by WeChat Pay's refund notification", async () => {
    await setStock(5);
    const placedOrder = await placed(2);
    await paid(placedOrder);
    await until(() => order(placedOrder.id), (o) => o.status === "paid", "the payment");
    expect(await left()).toBe(3);
    const owner = { role: "merchantOwner" as const, id: store.userId };

    // Restocking goes with refunding everything that is left, not a part.
    expect(await refundOrder(db, { tenantId: store.tenantId, orderId: placedOrder.id, amountFen: 1000, reason: "少发一包", restock: true, actor: owner }, deps)).toEqual({ ok: false, refusal: { code: "restockPartial" } });
    const part = await refundOrder(db, { tenantId: store.tenantId, orderId: placedOrder.id, amountFen: 1000, reason: "少发一包", restock: false, actor: owner }, deps);
    expect(part).toMatchObject({ ok: true, refund: { status: "processing", amountFen: 1000 } });
    // What is still being refunded counts: no more than what was paid can be asked.
    expect(await refundOrder(db, { tenantId: store.tenantId, orderId: placedOrder.id, amountFen: 13_600, reason: "全退", restock: false, actor: owner }, deps)).toMatchObject({
      ok: false,
      refusal: { code: "refundTooLarge", refundableFen: 12_600 },
    });
    await until(() => order(placedOrder.id), (o) => o.refundedFen === 1000, "the partial refund's notification");
    expect(await order(placedOrder.id)).toMatchObject({ status: "paid", refundedFen: 1000 });

    const rest = await refundOrder(db, { tenantId: store.tenantId, orderId: placedOrder.id, amountFen: 12_600, reason: "顾客不要了", restock: true, actor: owner }, deps);
    expect(rest.ok).toBe(true);
    const refunded = await until(() => order(placedOrder.id), (o) => o.status === "refunded", "the full refund's notification");
    expect(refunded.refundedFen).toBe(13_600);
    expect(refunded.events.filter((event) => event.action === "refund")).toEqual([
      expect.objectContaining({ amountFen: 1000, reason: "少发一包", actor: owner }),
      expect.objectContaining({ amountFen: 12_600, reason: "顾客不要了", actor: owner, to: "refunded" }),
    ]);
    expect(await left()).toBe(5);
    const rows = await inStore((tx) => tx.refund.findMany({ where: { orderId: placedOrder.id }, orderBy: { createdAt: "asc" } }));
    expect(rows.map((row) => [row.status, row.wechatRefundId !== null, row.settledAt !== null])).toEqual([["success", true, true], ["success", true, true]]);
    // WeChat Pay's own record agrees: two refunds, nothing more.
    expect(pay.refunds.filter((refund) => rows.some((row) => row.refundNo === refund.outRefundNo)).map((refund) => refund.refundFen)).toEqual([1000, 12_600]);
    await pay.idle();
    expect((await order(placedOrder.id)).events.filter((event) => event.action === "refund")).toHaveLength(2);
  });
});

describe("shipping information", () => {
  it("is uploaded when the order ships, retried after WeChat refuses, until accepted", async () => {
    const placedOrder = await placed();
    const { transactionId } = await paid(placedOrder);
    await until(() => order(placedOrder.id), (o) => o.status === "paid", "the payment");
    wechat.markOrderPaid({ appid: store.appid, mchid: store.mchid, outTradeNo: placedOrder.paymentNo, transactionId, openid: store.openid });
    await inStore((tx) => changeOrder(tx, { orderId: placedOrder.id, command: { action: "ship", tracking: { company: "SF", number: "SF1234567890" } }, actor: { role: "merchantStaff", id: null } }));

    const api = new MiniProgramServerApi({ db, masterKey, settings: { baseUrl: wechat.baseUrl, timeoutMs: 5000 } });
    wechat.inject("/wxa/sec/order/upload_shipping_info", { errcode: -1 }, { times: 1 });
    expect(await uploadDueShipping(db, api, masterKey, { retryBaseMs: 200 })).toBe(0);
    const refused = await inStore((tx) => tx.order.findFirstOrThrow({ where: { id: placedOrder.id } }));
    expect(refused).toMatchObject({ shippingUpload: "pending", shippingAttempts: 1, shippingProblem: expect.any(String) });
    expect(wechat.shippingUploads.filter((upload) => upload.order.transactionId === transactionId)).toHaveLength(0);

    // Not before its pause is over; then accepted.
    expect(await uploadDueShipping(db, api, masterKey, { retryBaseMs: 200 })).toBe(0);
    await until(() => uploadDueShipping(db, api, masterKey, { retryBaseMs: 200 }), (accepted) => accepted === 1, "the retried upload");
    const accepted = await inStore((tx) => tx.order.findFirstOrThrow({ where: { id: placedOrder.id } }));
    expect(accepted).toMatchObject({ shippingUpload: "accepted", shippingAttempts: 2, shippingProblem: null, shippingNextAt: null });
    const uploads = wechat.shippingUploads.filter((upload) => upload.order.transactionId === transactionId);
    expect(uploads).toHaveLength(1);
    expect(uploads[0]!.body).toMatchObject({ logistics_type: 1, shipping_list: [{ tracking_no: "SF1234567890", express_company: "SF", item_desc: "咖啡豆×1" }], payer: { openid: store.openid } });
  });
});
