// The WeChat Pay client against the fake WeChat Pay over real HTTP: both modes, every operation, each injected fault.
import { createSign, createVerify, generateKeyPairSync, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WechatPayClient, WechatPayError, paymentAccount, paymentErrorMessage, type PaymentAccount, type WechatpayConnection } from "./index";
import { startFakeWechatPay, testAppid, testMchid, testMerchant, type FakeWechatPay } from "./testing";

let fake: FakeWechatPay;
let connection: WechatpayConnection;
let direct: ReturnType<typeof testMerchant> & { appid: string };
let provider: ReturnType<typeof testMerchant> & { spAppid: string; subMchid: string; subAppid: string };

beforeAll(async () => {
  fake = await startFakeWechatPay({ resendScheduleMs: [50, 100] });
  connection = { baseUrl: fake.baseUrl, timeoutMs: 4_000, retryDelaysMs: [20, 50] };
  const appid = testAppid();
  direct = { ...testMerchant(fake.wechatpayKeys, { appids: [appid] }), appid };
  fake.registerMerchant(direct.registration);
  const spAppid = testAppid();
  const subMchid = testMchid();
  const subAppid = testAppid();
  provider = { ...testMerchant(fake.wechatpayKeys, { appids: [spAppid], subMerchants: [{ subMchid, appids: [subAppid] }] }), spAppid, subMchid, subAppid };
  fake.registerMerchant(provider.registration);
});
afterAll(async () => {
  await fake.close();
});

const directAccount = (): PaymentAccount => paymentAccount({ mode: "direct", ...direct.keys }, direct.appid);
const partnerAccount = (): PaymentAccount => paymentAccount({ mode: "partner", subMchid: provider.subMchid }, provider.subAppid, { ...provider.keys, spAppid: provider.spAppid });
const client = (account = directAccount()) => new WechatPayClient(account, connection);
let sequence = 0;
const orderNo = () => `KD${Date.now()}${String(++sequence).padStart(4, "0")}`;
const order = (overrides: Partial<Parameters<WechatPayClient["prepay"]>[0]> = {}) => ({
  outTradeNo: orderNo(),
  description: "草莓蛋糕店-草莓蛋糕 x1",
  amountFen: 2500,
  payerOpenid: "oShopper123456",
  notifyUrl: "https://shop.example.test/wechatpay/notify",
  ...overrides,
});
const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error("expected a failure"); }, (error: unknown) => error as WechatPayError);
const requestsOf = (route: string) => fake.requests.filter((r) => r.route === route).length;

describe("a direct merchant", () => {
  it("prepays, signs wx.requestPayment for its Mini Program, and sees the order paid once the shopper pays", async () => {
    const input = order({ attach: "store-1" });
    const { prepayId } = await client().prepay(input);
    expect(prepayId).toMatch(/^wx/);

    const params = client().requestPaymentParams(prepayId);
    expect(params).toMatchObject({ package: `prepay_id=${prepayId}`, signType: "RSA", timeStamp: expect.stringMatching(/^\d{10}$/) });
    const signed = `${direct.appid}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`;
    expect(createVerify("RSA-SHA256").update(signed).verify(direct.registration.publicKey, params.paySign, "base64")).toBe(true);

    expect(await client().queryOrder(input.outTradeNo)).toMatchObject({ state: "NOTPAY", totalFen: 2500, transactionId: undefined });
    // WeChat checks what the Mini Program passes to wx.requestPayment before the shopper can pay.
    expect(() => fake.pay(input.outTradeNo, { requestPayment: { ...params, paySign: client(paymentAccount({ mode: "direct", ...direct.keys }, testAppid())).requestPaymentParams(prepayId).paySign } })).toThrow(/requestPayment:fail/);
    expect(() => fake.pay(input.outTradeNo, { requestPayment: { ...params, package: "prepay_id=wx000" } })).toThrow(/requestPayment:fail/);
    const { transactionId } = fake.pay(input.outTradeNo, { requestPayment: params });
    expect(await client().queryOrder(input.outTradeNo)).toEqual({
      outTradeNo: input.outTradeNo,
      transactionId,
      state: "SUCCESS",
      paidAt: expect.any(Date),
      attach: "store-1",
      totalFen: 2500,
      payerTotalFen: 2500,
      payerOpenid: "oShopper123456",
      mchid: direct.keys.mchid,
    });
    // Paid first, closed after: WeChat Pay says it is paid.
    expect((await failure(client().closeOrder(input.outTradeNo))).kind).toBe("orderPaid");
  });

  it("gets the same prepay_id for an order sent again unchanged, and a refusal for one changed under the same number", async () => {
    const input = order();
    const first = await client().prepay(input);
    expect(await client().prepay(input)).toEqual(first);
    const changed = await failure(client().prepay({ ...input, amountFen: 1 }));
    expect(changed).toMatchObject({ kind: "outTradeNoUsed", status: 403, transient: false });
    expect(paymentErrorMessage(changed.kind)).toContain("订单号已用于另一笔不同的支付");
  });

  it("closes an unpaid order, which then can be neither paid nor prepaid again", async () => {
    const input = order();
    await client().prepay(input);
    await client().closeOrder(input.outTradeNo);
    expect((await client().queryOrder(input.outTradeNo)).state).toBe("CLOSED");
    expect(() => fake.pay(input.outTradeNo)).toThrow(/CLOSED/);
    expect((await failure(client().prepay(input))).kind).toBe("orderClosed");
    expect((await failure(client().queryOrder("KDunknown0001"))).kind).toBe("orderNotFound");
  });

  it("refunds in parts, never more than was paid, and the same out_refund_no is the same refund", async () => {
    const input = order({ amountFen: 10_000 });
    await client().prepay(input);
    fake.pay(input.outTradeNo);
    const first = await client().refund({ outTradeNo: input.outTradeNo, outRefundNo: `${input.outTradeNo}R1`, refundFen: 3_000, totalFen: 10_000, reason: "少发一件" });
    expect(first).toMatchObject({ state: "PROCESSING", refundFen: 3_000, totalFen: 10_000 });
    expect(await client().refund({ outTradeNo: input.outTradeNo, outRefundNo: `${input.outTradeNo}R1`, refundFen: 3_000, totalFen: 10_000 })).toMatchObject({ refundId: first.refundId });
    expect((await failure(client().refund({ outTradeNo: input.outTradeNo, outRefundNo: `${input.outTradeNo}R2`, refundFen: 7_001, totalFen: 10_000 }))).kind).toBe("invalidRequest");
    await client().refund({ outTradeNo: input.outTradeNo, outRefundNo: `${input.outTradeNo}R3`, refundFen: 7_000, totalFen: 10_000 });
    await fake.idle();
    expect(await client().queryRefund(`${input.outTradeNo}R1`)).toMatchObject({ state: "SUCCESS", refundId: first.refundId, refundedAt: expect.any(Date) });
    expect(fake.refunds.filter((r) => r.orderKey.endsWith(input.outTradeNo)).map((r) => r.refundFen)).toEqual([3_000, 7_000]);
    expect((await client().queryOrder(input.outTradeNo)).state).toBe("REFUND");
    expect((await failure(client().queryRefund(`${input.outTradeNo}R9`))).kind).toBe("orderNotFound");
    await expect(client().refund({ outTradeNo: input.outTradeNo, outRefundNo: `${input.outTradeNo}R4`, refundFen: 2, totalFen: 1 })).rejects.toThrow("payments.refund.exceedsTotal");
  });

  it("cannot refund an unpaid order, and cannot charge a Mini Program not linked to its merchant account", async () => {
    const input = order();
    await client().prepay(input);
    expect((await failure(client().refund({ outTradeNo: input.outTradeNo, outRefundNo: `${input.outTradeNo}R`, refundFen: 1, totalFen: 2500 }))).kind).toBe("invalidRequest");
    const foreign = paymentAccount({ mode: "direct", ...direct.keys }, testAppid());
    const mismatch = await failure(client(foreign).prepay(order()));
    expect(mismatch.kind).toBe("appidMchidMismatch");
    expect(paymentErrorMessage(mismatch.kind, "en")).toContain("not linked");
  });

  it("cannot be paid past its time_expire, nor once its prepay_id is two hours old", async () => {
    const soon = order({ expiresAt: new Date(Date.now() + 60_000) });
    const later = order();
    await client().prepay(soon);
    await client().prepay(later);
    expect(fake.order(soon.outTradeNo)!.body).toMatch(/"time_expire":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00"/);
    fake.advanceClock(61_000);
    try {
      expect(() => fake.pay(soon.outTradeNo)).toThrow(/expired/);
      fake.advanceClock(2 * 3600_000);
      expect(() => fake.pay(later.outTradeNo)).toThrow(/expired/);
    } finally {
      fake.advanceClock(-(61_000 + 2 * 3600_000));
    }
    expect((await client().queryOrder(later.outTradeNo)).state).toBe("NOTPAY");
  });
});

describe("a store paid as a sub-merchant of the platform", () => {
  it("prepays through the provider, signs wx.requestPayment for the store's Mini Program, and refunds", async () => {
    const input = order({ payerOpenid: "oSubShopper123" });
    const { prepayId } = await client(partnerAccount()).prepay(input);
    const params = client(partnerAccount()).requestPaymentParams(prepayId);
    const signed = `${provider.subAppid}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`;
    expect(createVerify("RSA-SHA256").update(signed).verify(provider.registration.publicKey, params.paySign, "base64")).toBe(true);
    expect(fake.order(input.outTradeNo)).toMatchObject({ mchid: provider.keys.mchid, subMchid: provider.subMchid, subAppid: provider.subAppid, payer: { sub_openid: "oSubShopper123" } });

    fake.pay(input.outTradeNo, { requestPayment: params });
    expect(await client(partnerAccount()).queryOrder(input.outTradeNo)).toMatchObject({ state: "SUCCESS", payerOpenid: "oSubShopper123", mchid: provider.subMchid });
    expect(await client(partnerAccount()).refund({ outTradeNo: input.outTradeNo, outRefundNo: `${input.outTradeNo}R`, refundFen: 2500, totalFen: 2500 })).toMatchObject({ state: "PROCESSING" });
    await fake.idle();
    expect((await client(partnerAccount()).queryRefund(`${input.outTradeNo}R`)).state).toBe("SUCCESS");

    const unpaid = order();
    await client(partnerAccount()).prepay(unpaid);
    await client(partnerAccount()).closeOrder(unpaid.outTradeNo);
    expect((await client(partnerAccount()).queryOrder(unpaid.outTradeNo)).state).toBe("CLOSED");
  });

  it("is refused for a sub-merchant the provider does not serve", async () => {
    const stranger = paymentAccount({ mode: "partner", subMchid: testMchid() }, provider.subAppid, { ...provider.keys, spAppid: provider.spAppid });
    expect((await failure(client(stranger).prepay(order()))).kind).toBe("merchantNotFound");
  });
});

describe("WeChat Pay's checks of every request", () => {
  /** A request signed here with node:crypto, to reach the fake with what the client would never send. */
  async function signedRequest(path: string, body: object, options: { key?: string; serial?: string; timestamp?: number } = {}) {
    const raw = JSON.stringify(body);
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    const nonce = randomBytes(16).toString("hex");
    const signature = createSign("RSA-SHA256").update(`POST\n${path}\n${timestamp}\n${nonce}\n${raw}\n`).sign(options.key ?? direct.keys.privateKey, "base64");
    const authorization = `WECHATPAY2-SHA256-RSA2048 mchid="${direct.keys.mchid}",nonce_str="${nonce}",timestamp="${timestamp}",serial_no="${options.serial ?? direct.keys.certificateSerial}",signature="${signature}"`;
    const response = await fetch(`${fake.baseUrl}${path}`, { method: "POST", headers: { authorization, "content-type": "application/json" }, body: raw });
    return { status: response.status, body: (await response.json()) as { code: string } };
  }
  const jsapiBody = (overrides: object = {}) => ({
    appid: direct.appid,
    mchid: direct.keys.mchid,
    description: "测试",
    out_trade_no: orderNo(),
    notify_url: "https://shop.example.test/notify",
    amount: { total: 100, currency: "CNY" },
    payer: { openid: "oShopper123456" },
    ...overrides,
  });

  it("refuses a forged or stale signature and a wrong serial with 401 SIGN_ERROR", async () => {
    const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expect(await signedRequest("/v3/pay/transactions/jsapi", jsapiBody(), { key: stranger })).toMatchObject({ status: 401, body: { code: "SIGN_ERROR" } });
    expect(await signedRequest("/v3/pay/transactions/jsapi", jsapiBody(), { timestamp: Math.floor(Date.now() / 1000) - 301 })).toMatchObject({ status: 401 });
    expect(await signedRequest("/v3/pay/transactions/jsapi", jsapiBody(), { serial: "ABCDEF0123456789" })).toMatchObject({ status: 401 });
    expect((await signedRequest("/v3/pay/transactions/jsapi", jsapiBody())).status).toBe(200);

    // The client with a key WeChat Pay does not know: refused, and not retried.
    const before = requestsOf("jsapi");
    const wrongKey = paymentAccount({ mode: "direct", ...direct.keys, privateKey: stranger }, direct.appid);
    const error = await failure(client(wrongKey).prepay(order()));
    expect(error).toMatchObject({ kind: "signature", status: 401, transient: false });
    expect(requestsOf("jsapi")).toBe(before + 1);
  });

  it("wants whole fen above zero, a well-formed out_trade_no and every required field", async () => {
    expect(await signedRequest("/v3/pay/transactions/jsapi", jsapiBody({ amount: { total: 12.5 } }))).toMatchObject({ status: 400, body: { code: "PARAM_ERROR" } });
    expect(await signedRequest("/v3/pay/transactions/jsapi", jsapiBody({ amount: { total: 0 } }))).toMatchObject({ status: 400, body: { code: "PARAM_ERROR" } });
    expect(await signedRequest("/v3/pay/transactions/jsapi", jsapiBody({ out_trade_no: "KD 1#2" }))).toMatchObject({ status: 400, body: { code: "PARAM_ERROR" } });
    expect(await signedRequest("/v3/pay/transactions/jsapi", jsapiBody({ description: undefined }))).toMatchObject({ status: 400, body: { code: "PARAM_ERROR" } });
    expect(await signedRequest("/v3/pay/transactions/jsapi", jsapiBody({ payer: {} }))).toMatchObject({ status: 400, body: { code: "PARAM_ERROR" } });
    // The client never sends them.
    await expect(client().prepay(order({ amountFen: 12.5 }))).rejects.toThrow();
    await expect(client().prepay(order({ outTradeNo: "KD 1#2" }))).rejects.toThrow("payments.outTradeNo.invalid");
  });
});

describe("retries", () => {
  it("retries a 500, a 429, a reset and a timeout with the same order, and gets one order", async () => {
    for (const fault of [{ status: 500, code: "SYSTEM_ERROR" }, { status: 429, code: "FREQUENCY_LIMITED" }, "reset", "hang", "processThen500"] as const) {
      const input = order();
      const before = requestsOf("jsapi");
      fake.inject("jsapi", fault);
      const { prepayId } = await client().prepay(input);
      expect(requestsOf("jsapi"), String(fault)).toBe(before + 2);
      expect(fake.order(input.outTradeNo)!.prepayId).toBe(prepayId);
    }
  });

  it("retries a refund whose answer was lost with the same out_refund_no, and refunds once", async () => {
    const input = order();
    await client().prepay(input);
    fake.pay(input.outTradeNo);
    fake.inject("refund", "processThen500");
    const refund = await client().refund({ outTradeNo: input.outTradeNo, outRefundNo: `${input.outTradeNo}R`, refundFen: 500, totalFen: 2500 });
    expect(fake.refunds.filter((r) => r.outRefundNo === `${input.outTradeNo}R`).map((r) => r.refundId)).toEqual([refund.refundId]);
  });

  it("gives up after its retries on a WeChat Pay that keeps failing, and never retries a 4xx", async () => {
    const before = requestsOf("query");
    fake.inject("query", { status: 500, code: "SYSTEM_ERROR" }, { times: 3 });
    expect(await failure(client().queryOrder("KDnever00001"))).toMatchObject({ kind: "system", status: 500, transient: true });
    expect(requestsOf("query")).toBe(before + 3);
    fake.inject("query", { status: 500, code: "SYSTEM_ERROR" }, { times: 2 });
    expect((await failure(client().queryOrder("KDnever00001"))).kind).toBe("orderNotFound");

    const input = order();
    await client().prepay(input);
    const closes = requestsOf("close");
    fake.inject("close", { status: 400, code: "ORDER_CLOSED", message: "订单已关闭" });
    expect(await failure(client().closeOrder(input.outTradeNo))).toMatchObject({ kind: "orderClosed", status: 400, transient: false });
    expect(requestsOf("close")).toBe(closes + 1);
  });
});

describe("WeChat Pay's answers", () => {
  it("are refused when signed by an unknown serial (an expired certificate) or a forged key", async () => {
    const input = order();
    await client().prepay(input);
    fake.inject("query", "unknownSerial");
    expect((await failure(client().queryOrder(input.outTradeNo))).kind).toBe("unverifiedResponse");
    fake.inject("query", "forgedSignature");
    const forged = await failure(client().queryOrder(input.outTradeNo));
    expect(forged.kind).toBe("unverifiedResponse");
    expect(paymentErrorMessage(forged.kind)).toContain("验签");
  });

  it("verify with a platform certificate as with the public key, while a merchant holds both", async () => {
    const both = testMerchant(fake.wechatpayKeys, { appids: [direct.appid], verifyWith: "both" });
    fake.registerMerchant(both.registration);
    const input = order();
    const mine = order();
    await client().prepay(mine);
    fake.signWith("platformCertificate");
    try {
      await client(paymentAccount({ mode: "direct", ...both.keys }, direct.appid)).prepay(input);
      // A merchant that knows only the public key cannot trust an answer signed by the certificate.
      expect((await failure(client().queryOrder(mine.outTradeNo))).kind).toBe("unverifiedResponse");
    } finally {
      fake.signWith("publicKey");
    }
    expect((await client(paymentAccount({ mode: "direct", ...both.keys }, direct.appid)).queryOrder(input.outTradeNo)).state).toBe("NOTPAY");
  });
});
