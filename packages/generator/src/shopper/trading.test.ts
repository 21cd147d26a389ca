// @vitest-environment jsdom
// The ecommerce sample store's trading pages against shop-api's contract: the silent login and its one retry, the
// cart on the server with the merge of a cart built before login, the checkout's refusals and its closed states,
// paying, and the order's page.
import { pages, sampleSnapshot, tradePages, type TemplateId } from "@kaidian/templates";
import { generatePackage } from "../generate";
import { describe, expect, it } from "vitest";
import { renderPage, type RenderOptions, type RenderedPage } from "../testing/render-page";
import { find, fire, samplePackage, tap } from "./sample-page";
import { shopApiContract, type ShopApiContract } from "./shop-api-contract";

const TENANT = "11111111-2222-4333-8444-555555555555";
const API = `https://shop.example.com/api/mp/v1/${TENANT}`;
const snapshot = () => {
  const sample = sampleSnapshot("ecommerce", { tenantId: TENANT, apiBase: API });
  return sample;
};

let packageDir: Promise<string> | undefined;
const storePackage = () => (packageDir ??= samplePackage("ecommerce", snapshot()));

let codes = 0;
const shopper = { loginCode: () => `code-${++codes}`, address: { userName: "张三", telNumber: "13800000000", provinceName: "云南省", cityName: "昆明市", countyName: "五华区", detailInfo: "文林街 18 号", postalCode: "650031" } };

async function open(path: string, api: ShopApiContract, options: RenderOptions = {}): Promise<RenderedPage> {
  const page = await renderPage(await storePackage(), path, { ...options, wx: { respond: api.respond, shopper, ...options.wx } });
  await page.settle();
  return page;
}

const cartLine = (itemId: string, options: string[], quantity: number) => ({ key: `${itemId}|${JSON.stringify(options)}`, itemId, options, quantity });
const serverLine = (itemId: string, skuOptions: string[], quantity: number, seenUnitPriceFen: number) => ({ itemId, skuOptions, dishOptions: [], quantity, seenUnitPriceFen });

describe("the package", () => {
  const filesOf = async (templateId: TemplateId) => {
    const sample = sampleSnapshot(templateId);
    const result = await generatePackage({ tenant: { id: sample.site.tenantId, slug: templateId }, appid: "touristappid", templateId, snapshot: sample });
    if (!result.ok) throw new Error(`${templateId} did not generate`);
    return [...result.files.keys()];
  };

  it("carries the compiled trading pages in a store with a cart or a restaurant's order page, and a hotel's orders without the checkout", async () => {
    const ecommerce = await filesOf("ecommerce");
    for (const page of Object.values(tradePages)) expect(ecommerce).toContain(`${page.path}.js`);
    // A restaurant's takeaway is checked out, paid and followed there.
    const restaurant = await filesOf("restaurant");
    for (const page of Object.values(tradePages)) expect(restaurant).toContain(`${page.path}.js`);
    expect(ecommerce).toContain("lib/session.js");
    const hotel = (await filesOf("hotel")).filter((file) => /^pages\/(checkout|orders|order-detail)\/index\.js$/.test(file));
    expect(hotel.sort()).toEqual(["pages/order-detail/index.js", "pages/orders/index.js"]);
  });
});

describe("login", () => {
  it("logs in silently at launch and keeps the token for the next launch", async () => {
    const api = shopApiContract(API);
    const page = await open("pages/home/index", api);
    expect(api.routes()).toContain("POST /session");
    expect(page.wx.requests.find((request) => request.url.endsWith("/session"))!.data).toEqual({ code: expect.stringMatching(/^code-\d+$/) });
    expect(page.wx.storage.get("kd-session")).toMatchObject({ token: "kd-token-1", shopper: { id: "shopper-1" } });

    const again = await open("pages/home/index", api, { storage: Object.fromEntries(page.wx.storage) });
    expect(again.wx.calls.filter((call) => call.api === "login")).toEqual([]);
    expect(api.tokensIssued()).toBe(1);
  });

  it("logs in again once when the token has expired, and retries the request", async () => {
    const api = shopApiContract(API, { cart: [serverLine("mug", ["米白"], 2, 4800)] });
    api.reply("GET /cart", { statusCode: 401, data: { error: { code: "token.expired", message: "登录已过期" } } });
    const page = await open("pages/cart/index", api);
    expect(api.routes().filter((route) => route === "POST /session" || route === "GET /cart")).toEqual(["POST /session", "GET /cart", "POST /session", "GET /cart"]);
    expect(page.text()).toContain("陶瓷马克杯");
  });

  it("logs in again when the token no longer verifies (a changed server key), but not on other refusals", async () => {
    const api = shopApiContract(API);
    api.reply("GET /cart", { statusCode: 401, data: { error: { code: "token.invalid", message: "登录信息无效" } } });
    await open("pages/cart/index", api);
    expect(api.tokensIssued()).toBe(2);

    const busy = shopApiContract(API);
    busy.reply("GET /cart", { statusCode: 429, data: { error: { code: "rate.limited", message: "请求过于频繁" } } });
    await open("pages/cart/index", busy);
    expect(busy.tokensIssued()).toBe(1);
  });

  it("does not loop when the new token is refused too", async () => {
    const api = shopApiContract(API);
    const expired = { statusCode: 401, data: { error: { code: "token.expired", message: "登录已过期" } } };
    api.reply("GET /cart", expired, expired, expired);
    await open("pages/cart/index", api);
    expect(api.routes().filter((route) => route === "GET /cart")).toHaveLength(2);
  });

  it("lets a store without its AppSecret browse, with no error shown", async () => {
    const api = shopApiContract(API);
    api.reply("POST /session", { statusCode: 409, data: { error: { code: "login.notSetUp", message: "本店尚未开通登录" } } });
    const page = await open("pages/cart/index", api, { storage: { "kd-cart": [cartLine("mug", ["米白"], 1)] } });
    expect(page.text()).toContain("陶瓷马克杯");
    expect(page.wx.calls.filter((call) => call.api === "showToast")).toEqual([]);
    expect(api.routes()).not.toContain("POST /cart/merge");
  });
});

describe("the cart on the server", () => {
  it("merges a cart built before login into the shopper's, then follows every change", async () => {
    const api = shopApiContract(API, { cart: [serverLine("mug", ["米白"], 1, 4800)] });
    const page = await open("pages/cart/index", api, { storage: { "kd-cart": [cartLine("mug", ["米白"], 2), cartLine("yunnan-beans", ["中烘"], 1)] } });
    const merge = page.wx.requests.find((request) => request.url.endsWith("/cart/merge"))!;
    expect(merge.data).toEqual({ lines: [serverLine("mug", ["米白"], 2, 4800), serverLine("yunnan-beans", ["中烘"], 1, 6800)] });
    // The server's answer is the cart: its own line and the merged ones add up.
    expect(find(page, ".kd-bottom-bar").textContent).toContain("去结算（4）");

    await tap(page, ".van-stepper__plus");
    expect(api.cart).toEqual([serverLine("mug", ["米白"], 4, 4800), serverLine("yunnan-beans", ["中烘"], 1, 6800)]);
    expect(api.routes().filter((route) => route === "POST /cart/merge")).toHaveLength(1);
  });

  it("takes the shopper's cart from the server on a new phone", async () => {
    const api = shopApiContract(API, { cart: [serverLine("yunnan-beans", ["中烘"], 3, 6800)] });
    const page = await open("pages/cart/index", api);
    expect(api.routes()).not.toContain("POST /cart/merge");
    expect(find(page, ".kd-bottom-bar").textContent).toContain("去结算（3）");
  });
});

describe("the restaurant's basket on the server", () => {
  it("merges dishes with their options, grouped as shop-api keeps them, and reads them back", async () => {
    const api = shopApiContract(API);
    const dir = await samplePackage("restaurant", sampleSnapshot("restaurant", { tenantId: TENANT, apiBase: API }));
    const options = [
      { group: "份量", name: "大份" },
      { group: "辣度", name: "微辣" },
    ];
    const page = await renderPage(dir, "pages/order/index", {
      query: { t: "A1" },
      storage: { "kd-basket": [{ key: `beef|${JSON.stringify(options)}`, itemId: "beef", options, quantity: 1 }] },
      wx: { respond: api.respond, shopper },
    });
    await page.settle();
    expect(api.cart).toEqual([
      { itemId: "beef", skuOptions: [], dishOptions: [{ group: "份量", options: ["大份"] }, { group: "辣度", options: ["微辣"] }], quantity: 1, seenUnitPriceFen: 3100 },
    ]);
    expect(page.wx.storage.get("kd-basket")).toEqual([{ key: `beef|${JSON.stringify(options)}`, itemId: "beef", options, quantity: 1 }]);
    expect(find(page, ".kd-bottom-bar").textContent).toContain("¥31");
  });
});

const quoteOf = (subtotalFen: number, deliveryFeeFen: number) => ({ statusCode: 200, data: { subtotalFen, deliveryFeeFen, totalFen: subtotalFen + deliveryFeeFen, lines: [] } });

async function openCheckout(api: ShopApiContract) {
  return open(tradePages.checkout.path, api, { storage: { "kd-cart": [cartLine("mug", ["米白"], 2)], "kd-cart-sync": { shopperId: "shopper-1", pending: false } } });
}

describe("checkout", () => {
  it("quotes express once the address is chosen, and shows the fee rule", async () => {
    const api = shopApiContract(API, { cart: [serverLine("mug", ["米白"], 2, 4800)] });
    api.reply("POST /orders/quote", quoteOf(9600, 1000));
    const page = await openCheckout(api);
    expect(page.text()).toContain("满 ¥99 包邮");
    expect(api.routes()).not.toContain("POST /orders/quote");

    await tap(page, ".kd-checkout__address");
    const quote = page.wx.requests.find((request) => request.url.endsWith("/orders/quote"))!;
    expect(quote.data).toEqual({
      lines: [serverLine("mug", ["米白"], 2, 4800)],
      delivery: { method: "express", address: { name: "张三", phone: "13800000000", province: "云南省", city: "昆明市", district: "五华区", detail: "文林街 18 号", postalCode: "650031" } },
      note: "",
    });
    expect(find(page, ".kd-bottom-bar").textContent).toContain("¥106");
  });

  it("shows a refusal on its line and takes the fresh price with one tap", async () => {
    const api = shopApiContract(API, { cart: [serverLine("mug", ["米白"], 2, 4800)] });
    api.reply(
      "POST /orders/quote",
      {
        statusCode: 409,
        data: {
          error: { code: "order.refused", message: "订单无法提交" },
          refusals: [{ code: "priceChanged", line: 0, seenFen: 4800, currentFen: 5200, message: "「陶瓷马克杯」的价格已由 ¥48.00 变为 ¥52.00，请确认后再下单。" }],
        },
      },
      quoteOf(10400, 0),
    );
    const page = await openCheckout(api);
    await tap(page, ".kd-checkout__method", "到店自提");
    expect(page.text()).toContain("价格已由 ¥48.00 变为 ¥52.00");
    expect(find(page, ".kd-checkout__pay").className).toContain("kd-button--disabled");

    await tap(page, ".kd-checkout__fix", "按新价格 ¥52 购买");
    const quotes = page.wx.requests.filter((request) => request.url.endsWith("/orders/quote"));
    expect((quotes.at(-1)!.data as { lines: { seenUnitPriceFen: number }[] }).lines[0]!.seenUnitPriceFen).toBe(5200);
    expect(page.text()).not.toContain("价格已由");
    expect(find(page, ".kd-bottom-bar").textContent).toContain("¥104");
  });

  it("says plainly that the store has not set up payments, with no pay button", async () => {
    const api = shopApiContract(API);
    api.reply("GET /ordering", {
      statusCode: 200,
      data: { delivery: { express: { enabled: true, feeFen: 1000, freeFromFen: null }, pickup: { enabled: false, address: "" } }, unpaidMinutes: 15, paymentsReady: false, readyTemplateId: null },
    });
    const page = await openCheckout(api);
    expect(page.text()).toContain("本店尚未开通微信支付");
    expect(page.root.querySelector(".kd-checkout__pay")).toBeNull();
  });

  it("says so at once when the store cannot log shoppers in", async () => {
    const api = shopApiContract(API);
    api.reply("POST /session", { statusCode: 409, data: { error: { code: "login.notSetUp", message: "本店尚未开通登录" } } });
    const page = await openCheckout(api);
    expect(page.text()).toContain("本店尚未开通在线下单");
    expect(page.root.querySelector(".kd-checkout__pay")).toBeNull();
    await tap(page, ".kd-button", "致电门店");
    expect(page.wx.calls).toContainEqual({ api: "makePhoneCall", options: { phoneNumber: "087165123456" } });
  });

  it("places the order once, pays with shop-api's parameters and opens the order to confirm it", async () => {
    const api = shopApiContract(API, { cart: [serverLine("mug", ["米白"], 2, 4800)] });
    const payment = { timeStamp: "1764700000", nonceStr: "n0nce", package: "prepay_id=wx03", signType: "RSA", paySign: "c2lnbg==" };
    api.reply("POST /orders/quote", quoteOf(9600, 0));
    api.reply("POST /orders", { statusCode: 201, data: { order: { id: "order-1", number: "261203-0001", status: "pendingPayment" }, payment } });
    const page = await openCheckout(api);
    await tap(page, ".kd-checkout__method", "到店自提");
    await tap(page, ".kd-checkout__pay");

    const placed = page.wx.requests.find((request) => request.url.endsWith("/orders") && request.method === "POST")!;
    expect(placed.header["Idempotency-Key"]).toMatch(/^[0-9a-z-]{8,40}$/);
    expect(placed.data).toEqual({ lines: [serverLine("mug", ["米白"], 2, 4800)], delivery: { method: "pickup" }, note: "" });
    expect(page.wx.calls).toContainEqual({ api: "requestPayment", options: payment });
    expect(page.wx.calls).toContainEqual({ api: "redirectTo", options: { url: "/pages/order-detail/index?id=order-1&confirm=1" } });
    // The ordered lines left the cart, on the phone and on the server.
    expect(page.wx.storage.get("kd-cart")).toEqual([]);
    expect(api.cart).toEqual([]);
  });

  it("shows the coupon the server applied and places the order with that coupon, so the charge is the total shown", async () => {
    const api = shopApiContract(API, { cart: [serverLine("mug", ["米白"], 2, 4800)] });
    const offer = { id: "held-1", name: "九折券", discountText: "9折", thresholdText: "无门槛", usable: true, discountFen: 960, message: null };
    api.reply("POST /orders/quote", { statusCode: 200, data: { subtotalFen: 9600, deliveryFeeFen: 0, discountFen: 960, totalFen: 8640, lines: [], coupon: "held-1", coupons: [offer] } });
    api.reply("POST /orders", { statusCode: 201, data: { order: { id: "order-2", number: "261203-0002", status: "pendingPayment" }, payment: null } });
    const page = await openCheckout(api);
    await tap(page, ".kd-checkout__method", "到店自提");
    expect(find(page, ".kd-checkout__coupon").textContent).toContain("-¥9.60");
    expect(find(page, ".kd-bottom-bar").textContent).toContain("¥86.40");
    await tap(page, ".kd-checkout__pay");
    const placed = page.wx.requests.find((request) => request.url.endsWith("/orders") && request.method === "POST")!;
    expect(placed.data).toEqual({ lines: [serverLine("mug", ["米白"], 2, 4800)], delivery: { method: "pickup" }, note: "", coupon: "held-1" });
  });
});

describe("coupons", () => {
  const live = (id: string, more: object = {}) => ({ id, name: "新客立减", discountText: "¥5", thresholdText: "满50元可用", scopeText: "全场通用", left: 10, perShopperLimit: 1, claimedByMe: 0, canClaim: true, ...more });

  it("shows the store's live coupons in the strip and claims one on the server, saying when none are left", async () => {
    const api = shopApiContract(API);
    api.reply("GET /coupons", { statusCode: 200, data: { coupons: [live("c1"), live("c2", { name: "九折券", discountText: "9折", thresholdText: "无门槛" })] } });
    api.reply("POST /coupons/c1/claim", { statusCode: 201, data: { coupon: { id: "held-1", name: "新客立减", status: "usable" } } });
    api.reply("POST /coupons/c2/claim", { statusCode: 409, data: { error: { code: "coupon.soldOut", message: "这张优惠券已被领完。" } } });
    const page = await open(pages.home.path, api);
    expect(find(page, ".kd-coupon-strip").textContent).toContain("¥5满50元可用新客立减领取");
    await tap(page, ".kd-coupon-strip__claim", "领取");
    expect(api.routes()).toContain("POST /coupons/c1/claim");
    expect(find(page, ".kd-coupon-strip__coupon", "新客立减").textContent).toContain("已领取");
    await fire(page, find(page, ".kd-coupon-strip__coupon", "九折券").querySelector(".kd-coupon-strip__claim")!, "tap");
    expect(api.routes()).toContain("POST /coupons/c2/claim");
    expect(page.wx.calls).toContainEqual({ api: "showToast", options: { title: "这张优惠券已被领完。", icon: "none" } });
  });

  it("lists the shopper's usable coupons in 我的", async () => {
    const api = shopApiContract(API);
    const held = (id: string, status: string) => ({ id, name: `券${id}`, discountText: "¥5", thresholdText: "无门槛", scopeText: "全场通用", validUntil: "2026-12-10T04:00:00.000Z", status });
    api.reply("GET /me/coupons", { statusCode: 200, data: { coupons: [held("1", "usable"), held("2", "used")] } });
    const page = await open(pages.profile.path, api);
    const mine = find(page, ".kd-profile__coupons").textContent;
    expect(mine).toContain("我的优惠券（1）");
    expect(mine).toContain("券1");
    expect(mine).toContain("2026-12-10 12:00 前有效");
    expect(mine).not.toContain("券2");
  });
});

describe("my orders", () => {
  const summary = (n: number) => ({ id: `order-${n}`, number: `261203-000${n}`, status: "paid", statusName: "待发货", totalFen: 4800 * n, firstTitle: "陶瓷马克杯", lineCount: n, createdAt: "2026-12-03T04:00:00.000Z" });

  it("lists the shopper's orders page by page and opens one", async () => {
    const api = shopApiContract(API);
    api.reply("GET /orders", { statusCode: 200, data: { orders: [summary(1)], nextCursor: "c2" } });
    api.reply("GET /orders?cursor=c2", { statusCode: 200, data: { orders: [summary(2)], nextCursor: null } });
    const page = await open(tradePages.orders.path, api);
    expect(page.text()).toContain("订单号 261203-0001待发货 陶瓷马克杯 2026-12-03 12:00¥48");
    (page.page.onReachBottom as () => void)();
    await page.settle();
    expect(page.text()).toContain("陶瓷马克杯 等 2 种商品");
    expect(api.routes().filter((route) => route.startsWith("GET /orders"))).toEqual(["GET /orders", "GET /orders?cursor=c2"]);
    await tap(page, ".kd-orders__order", "261203-0002");
    expect(page.wx.calls).toContainEqual({ api: "navigateTo", options: { url: "/pages/order-detail/index?id=order-2" } });
  });
});

describe("the order page", () => {
  const order = (status: string, statusName: string, actions: string[]) => ({
    id: "order-1",
    number: "261203-0001",
    status,
    statusName,
    delivery: "pickup",
    pickupAddress: "文林街 18 号门店",
    lines: [{ title: "陶瓷马克杯", skuOptions: ["米白"], dishOptions: [], quantity: 2, unitPriceFen: 4800, lineTotalFen: 9600 }],
    subtotalFen: 9600,
    deliveryFeeFen: 0,
    totalFen: 9600,
    events: [{ action: "pay", at: "2026-12-03T04:05:00.000Z", reason: "" }],
    actions,
    createdAt: "2026-12-03T04:00:00.000Z",
    expiresAt: "2026-12-03T04:15:00.000Z",
  });

  it("confirms the payment when the shopper comes back from paying, and shows the result", async () => {
    const api = shopApiContract(API);
    api.reply("POST /orders/order-1/payment/confirm", { statusCode: 200, data: order("paid", "待自提", ["requestRefund"]) });
    const page = await open(tradePages["order-detail"].path, api, { query: { id: "order-1", confirm: "1" } });
    expect(api.routes()).toContain("POST /orders/order-1/payment/confirm");
    expect(page.text()).toContain("待自提");
    expect(page.text()).toContain("¥96");
    expect(page.text()).toContain("付款2026-12-03 12:05");
    expect(page.root.querySelector(".kd-order__cancel")).toBeNull();
  });

  it("asks for a refund with the shopper's reason", async () => {
    const api = shopApiContract(API);
    api.reply("GET /orders/order-1", { statusCode: 200, data: order("paid", "待自提", ["requestRefund"]) });
    api.reply("POST /orders/order-1/actions", { statusCode: 200, data: { ...order("paid", "待自提", []), refundRequested: true } });
    const page = await open(tradePages["order-detail"].path, api, { query: { id: "order-1" } });
    await tap(page, ".kd-order__refund");
    await tap(page, ".kd-order__send-refund");
    expect(page.text()).toContain("请填写退款原因");
    expect(api.routes()).not.toContain("POST /orders/order-1/actions");

    page.page.setData({ reason: "买错颜色了" });
    await tap(page, ".kd-order__send-refund");
    const asked = page.wx.requests.find((request) => request.url.endsWith("/actions"))!;
    expect(asked.data).toEqual({ action: "requestRefund", reason: "买错颜色了" });
    expect(page.text()).toContain("已申请退款");
  });

  it("shows the lifecycle's refusal of an action", async () => {
    const api = shopApiContract(API);
    api.reply("GET /orders/order-1", { statusCode: 200, data: order("pendingPayment", "待付款", ["cancel", "pay"]) });
    api.reply("POST /orders/order-1/actions", { statusCode: 409, data: { error: { code: "order.transition", message: "订单已付款，不能取消。" } } });
    const page = await open(tradePages["order-detail"].path, api, { query: { id: "order-1" } });
    expect(page.text()).toContain("请在 2026-12-03 12:15 前付款");
    await tap(page, ".kd-order__cancel");
    expect(page.text()).toContain("订单已付款，不能取消。");
  });
});
