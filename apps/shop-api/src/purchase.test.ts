// @vitest-environment jsdom
// The whole purchase as a shopper makes it: a generated store package in the page harness (miniprogram-simulate),
// talking over HTTP to a real shop-api on PostgreSQL, which logs in at the fake WeChat API and takes payment at the
// fake WeChat Pay. Login, add to cart, check out, pay; the signed notification marks the order paid; the merchant
// ships; the shopper confirms receipt.
import { find, tap } from "@kaidian/generator/testing/shopper";
import { changeOrder, loadOrder, uploadDueShipping } from "@kaidian/orders/server";
import type { FakeRequestPayment } from "@kaidian/payments/testing";
import { MiniProgramServerApi } from "@kaidian/wechat/server-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPhoneHarness, type Phone, type PhoneHarness } from "./phone-harness";

let harness: PhoneHarness;
let store: { tenantId: string; appid: string; mchid: string; itemId: string };
/** One phone for the whole visit, keeping its storage across pages. */
let phone: Phone;
const paidWith: FakeRequestPayment[] = [];

beforeAll(async () => {
  harness = await startPhoneHarness();
  const { tenantId, appid, mchid } = await harness.arrangeTradingStore("山野咖啡");
  const { db, pay } = harness;
  const { id: itemId } = await db.scoped({ tenantId }, (tx) => tx.catalogItem.findFirstOrThrow({ where: { tenantId, title: "陶瓷马克杯" }, select: { id: true } }));
  const packageDir = await harness.generate({ tenantId, appid, slug: "purchase", templateId: "ecommerce" });
  store = { tenantId, appid, mchid, itemId };
  phone = harness.phone(packageDir, appid, {
    address: { userName: "张三", telNumber: "13800000000", provinceName: "云南省", cityName: "昆明市", countyName: "五华区", detailInfo: "文林街 18 号", postalCode: "650031" },
    pay: async (params) => {
      const requestPayment = params as FakeRequestPayment;
      paidWith.push(requestPayment);
      const order = await db.scoped({ tenantId }, (tx) => tx.order.findFirstOrThrow({ orderBy: { createdAt: "desc" }, select: { paymentNo: true } }));
      pay.pay(order.paymentNo, { requestPayment });
      return "paid" as const;
    },
  });
}, 300_000);

afterAll(async () => {
  await harness?.close();
});

describe("a shopper's purchase", () => {
  it("logs in, fills the cart, checks out, pays, and confirms receipt of what the merchant shipped", async () => {
    const { db, pay, wechat, masterKey } = harness;
    const { openid } = phone;
    const item = await phone.open("pages/item/index", { id: store.itemId });
    expect(item.wx.calls.filter((call) => call.api === "login")).toHaveLength(1);
    await tap(item, ".kd-button", "加入购物车");
    phone.keep(item);
    const cart = await db.scoped({ tenantId: store.tenantId }, (tx) => tx.cartLine.findMany({ select: { itemId: true, quantity: true } }));
    expect(cart).toEqual([{ itemId: store.itemId, quantity: 1 }]);

    const checkout = await phone.open("pages/checkout/index");
    await tap(checkout, ".kd-checkout__address");
    expect(find(checkout, ".kd-bottom-bar").textContent).toContain("¥58");
    await tap(checkout, ".kd-checkout__pay");
    const redirect = checkout.wx.calls.find((call) => call.api === "redirectTo");
    expect(paidWith).toHaveLength(1);
    phone.keep(checkout);
    const orderId = new URLSearchParams(String(redirect!.options.url).split("?")[1]).get("id")!;
    // Placed first, answered without WeChat Pay; then the payment asked for on its own, which the pay sheet used.
    const trading = checkout.wx.requests.filter((request) => request.method === "POST" && /\/orders(\/[^/]+\/payment)?$/.test(new URL(request.url).pathname));
    expect(trading.map((request) => [new URL(request.url).pathname.split(`/${store.tenantId}`)[1], request.header.Prefer ?? null])).toEqual([
      ["/orders", "payment=separate"],
      [`/orders/${orderId}/payment`, null],
    ]);
    expect(paidWith[0]!.package).toMatch(/^prepay_id=/);

    await pay.idle();
    const detail = await phone.open("pages/order-detail/index", { id: orderId, confirm: "1" });
    expect(detail.text()).toContain("待发货");
    expect(detail.text()).toContain("¥58");
    phone.keep(detail);

    await db.scoped({ tenantId: store.tenantId }, (tx) =>
      changeOrder(tx, { orderId, command: { action: "ship", tracking: { company: "顺丰速运", number: "SF1234567890" } }, actor: { role: "merchantOwner", id: null } }),
    );
    // The workers' timer hands the shipping information to WeChat, so the merchant's money is not held.
    const wechatApi = new MiniProgramServerApi({ db, masterKey, settings: { baseUrl: wechat.baseUrl, timeoutMs: 5000 } });
    // WeChat's order records know the payment WeChat Pay took (two fakes here, one WeChat in life).
    const paidOrder = (await db.scoped({ tenantId: store.tenantId }, (tx) => loadOrder(tx, orderId)))!;
    wechat.markOrderPaid({ appid: store.appid, mchid: store.mchid, outTradeNo: paidOrder.paymentNo, transactionId: paidOrder.transactionId!, openid });
    expect(await uploadDueShipping(db, wechatApi, masterKey)).toBe(1);
    const uploaded = wechat.shippingUploads.map((upload) => upload.body);
    expect(uploaded).toEqual([expect.objectContaining({ shipping_list: [expect.objectContaining({ tracking_no: "SF1234567890" })], payer: { openid } })]);

    const shipped = await phone.open("pages/order-detail/index", { id: orderId });
    expect(shipped.text()).toContain("顺丰速运 SF1234567890");
    await tap(shipped, ".kd-order__receive");
    expect(shipped.text()).toContain("已完成");
    const order = await db.scoped({ tenantId: store.tenantId }, (tx) => loadOrder(tx, orderId));
    expect(order!.events.map((event) => [event.action, event.actor.role])).toEqual([
      ["place", "shopper"],
      ["pay", "paymentNotification"],
      ["ship", "merchantOwner"],
      ["confirmReceipt", "shopper"],
    ]);
    expect(order).toMatchObject({ status: "completed", paidFen: 5800, shippingUpload: "accepted" });
  });
});
