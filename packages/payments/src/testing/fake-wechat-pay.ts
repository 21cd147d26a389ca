// A stand-in for WeChat Pay API v3 (api.mch.weixin.qq.com) that the product reaches through WECHATPAY_API_BASE.
// Written with node:crypto alone, sharing nothing with the product's SDK, so a mistake in one is caught by the other.
//
// Every request must carry a valid `WECHATPAY2-SHA256-RSA2048` Authorization: the merchant's mchid, its
// certificate serial, a timestamp within ±5 minutes and an RSA-SHA256 signature over
// `METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n` that verifies with the merchant's public key (else 401 SIGN_ERROR).
// Every answer is signed with WeChat Pay's key (the public key PUB_KEY_ID_… or a platform certificate).
// Orders move NOTPAY → SUCCESS (when a shopper pays: `pay`, which checks the wx.requestPayment parameters' paySign
// over the ordering appid and refuses a prepay_id older than 2 hours or past time_expire) or CLOSED; refunds stay within what was paid; a resent
// identical order keeps its prepay_id while a changed one is OUT_TRADE_NO_USED; an out_refund_no is one refund.
// Paying or refunding POSTs the notification (signed, AES-256-GCM with the APIv3 key) to the notify_url, resent on
// anything but 2xx on a schedule (WeChat's is 15 s … 6 h; tests shorten it).
// Tests inject API faults (429, 500, timeouts, resets, unverifiable answers) and notification faults (duplicates,
// holding and reordering, replays, tampered amounts, forged signatures, stale timestamps); /__fake/* does the same
// from another process (FakeWechatPayClient).
import { createCipheriv, createPublicKey, createSign, createVerify, generateKeyPairSync, randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export type FakeSubMerchant = { subMchid: string; appids: string[] };

/** A merchant account as WeChat Pay holds it; a service provider has sub-merchants. */
export type FakeMerchant = {
  mchid: string;
  /** The merchant API certificate's serial and its public key (PEM). */
  serial: string;
  publicKey: string;
  apiV3Key: string;
  /** The appids bound to this mchid (a provider's sp_appid among them). */
  appids: string[];
  subMerchants?: FakeSubMerchant[];
};

export const FAKE_PAY_ROUTES = ["jsapi", "query", "close", "refund", "refundQuery"] as const;
export type FakePayRoute = (typeof FAKE_PAY_ROUTES)[number];

/**
 * An injected answer: an error WeChat Pay sends (429 FREQUENCY_LIMITED, 500 SYSTEM_ERROR, 400 ORDER_CLOSED…), no
 * answer (hang until the caller times out, or a reset), the work done but a 500 sent, or an answer signed with a
 * serial the merchant does not have (an expired platform certificate) or a forged signature.
 */
export type FakePayFault =
  | { status: number; code: string; message?: string }
  | "hang"
  | "reset"
  | "processThen500"
  | "unknownSerial"
  | "forgedSignature";

/** How the next notification is spoiled on its way. */
export type FakeNotificationFault = {
  /** Deliver this many extra copies of the same request at once. */
  duplicates?: number;
  /** Re-encrypt the resource with another amount after signing: tampered in transit. */
  tamperAmountFen?: number;
  /** Signed with a key that is not WeChat Pay's. */
  forgeSignature?: boolean;
  /** Signed correctly, but with a timestamp this many seconds old. */
  staleSeconds?: number;
};

export type FakeOrder = {
  key: string;
  mchid: string;
  subMchid?: string;
  appid: string;
  subAppid?: string;
  outTradeNo: string;
  body: string;
  description: string;
  notifyUrl: string;
  totalFen: number;
  payer: { openid?: string; sp_openid?: string; sub_openid?: string };
  attach?: string;
  prepayId: string;
  prepaidAt: number;
  timeExpire?: number;
  state: "NOTPAY" | "SUCCESS" | "CLOSED" | "REFUND";
  transactionId?: string;
  successTime?: string;
  payerTotalFen?: number;
};

export type FakeRefund = {
  orderKey: string;
  outRefundNo: string;
  refundId: string;
  refundFen: number;
  status: "PROCESSING" | "SUCCESS";
  notifyUrl?: string;
  createTime: string;
  successTime?: string;
};

export type FakeDelivery = {
  notificationId: string;
  eventType: string;
  outTradeNo: string;
  url: string;
  attempt: number;
  /** The HTTP status the merchant answered, or why there was none. */
  result: number | "timeout" | "error";
};

/** What the Mini Program passes to wx.requestPayment. */
export type FakeRequestPayment = { timeStamp: string; nonceStr: string; package: string; signType: string; paySign: string };

type SentNotification = { id: string; url: string; headers: Record<string, string>; body: string; eventType: string; outTradeNo: string };

export type FakeWechatPay = {
  baseUrl: string;
  /** WeChat Pay's keys as a merchant configures them: the public key and a platform certificate's key. */
  wechatpayKeys: { publicKey: { serial: string; publicKey: string }; platformCertificate: { serial: string; publicKey: string } };
  registerMerchant(merchant: FakeMerchant): void;
  /** Which of WeChat Pay's keys signs answers and notifications from now on. */
  signWith(which: "publicKey" | "platformCertificate"): void;
  /**
   * The shopper pays in wx.requestPayment: NOTPAY → SUCCESS, then the notification. Given the parameters the Mini
   * Program passed to wx.requestPayment, they must name this order's prepay_id and carry a paySign by the merchant
   * over the ordering appid (sub_appid in partner mode), as WeChat checks. `paidFen` differs only in tests.
   */
  pay(outTradeNo: string, options?: { mchid?: string; paidFen?: number; requestPayment?: FakeRequestPayment }): { transactionId: string; notificationId: string };
  /** The next `times` calls of `route` get this answer. */
  inject(route: FakePayRoute, fault: FakePayFault, options?: { times?: number }): void;
  /** The next notification is spoiled this way. */
  spoilNextNotification(fault: FakeNotificationFault): void;
  /** Hold notifications instead of sending them… */
  holdNotifications(): void;
  /** …then send the held ones, in reverse order when asked. */
  releaseNotifications(options?: { reverse?: boolean }): void;
  /** Re-POSTs a notification exactly as first sent (same headers, same timestamp): a replay. Returns the status. */
  replayNotification(notificationId: string): Promise<number | "timeout" | "error">;
  /** The request exactly as first sent, to hand a receiver directly. */
  sentNotification(notificationId: string): { headers: Record<string, string>; body: string };
  advanceClock(ms: number): void;
  order(outTradeNo: string, mchid?: string): FakeOrder | undefined;
  refunds: FakeRefund[];
  deliveries: FakeDelivery[];
  /** Every API request that reached it: the route and the status answered. */
  requests: { route: FakePayRoute | "unknown"; status: number }[];
  /** Resolves once every notification is delivered or given up on. */
  idle(): Promise<void>;
  close(): Promise<void>;
};

export const WECHAT_RESEND_SCHEDULE_MS = [15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600].map((s) => s * 1000);

const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;
const CLOCK_SKEW_S = 300;
const PREPAY_LIFETIME_MS = 2 * 3600_000;

class PayError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export async function startFakeWechatPay(options: { port?: number; resendScheduleMs?: number[]; notificationTimeoutMs?: number } = {}): Promise<FakeWechatPay> {
  const resendSchedule = options.resendScheduleMs ?? WECHAT_RESEND_SCHEDULE_MS;
  const notificationTimeoutMs = options.notificationTimeoutMs ?? 5_000;
  let clockOffset = 0;
  const now = () => Date.now() + clockOffset;

  const keyPair = (serial: string) => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    return { serial, privateKey, publicKey: publicKey.export({ type: "spki", format: "pem" }).toString() };
  };
  const wechatPublicKey = keyPair(`PUB_KEY_ID_0114${randomBytes(10).toString("hex").toUpperCase()}`);
  const platformCertificate = keyPair(randomBytes(20).toString("hex").toUpperCase());
  const strangerKey = keyPair(randomBytes(20).toString("hex").toUpperCase());
  let signer = wechatPublicKey;

  const merchants = new Map<string, FakeMerchant>();
  const orders = new Map<string, FakeOrder>();
  const refunds: FakeRefund[] = [];
  const faults: { route: FakePayRoute; fault: FakePayFault; remaining: number }[] = [];
  const notificationFaults: FakeNotificationFault[] = [];
  const held: SentNotification[] = [];
  let holding = false;
  const sent = new Map<string, SentNotification>();
  const deliveries: FakeDelivery[] = [];
  const requests: FakeWechatPay["requests"] = [];
  const hanging = new Set<http.ServerResponse>();
  const pendingTimers = new Set<NodeJS.Timeout>();
  let inFlight = 0;
  let idleWaiters: (() => void)[] = [];

  const sign = (message: string, key = signer.privateKey) => createSign("RSA-SHA256").update(message).sign(key, "base64");
  const nonce = () => randomBytes(16).toString("hex").toUpperCase();
  const rfc3339 = (ms: number) => `${new Date(ms + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;

  /** Signs an answer or a notification as WeChat Pay: `timestamp\nnonce\nbody\n`. */
  const signedHeaders = (body: string, spoil: { serial?: string; key?: typeof signer; timestamp?: number } = {}) => {
    const timestamp = String(spoil.timestamp ?? Math.floor(now() / 1000));
    const n = nonce();
    const key = spoil.key ?? signer;
    return {
      "Wechatpay-Timestamp": timestamp,
      "Wechatpay-Nonce": n,
      "Wechatpay-Serial": spoil.serial ?? signer.serial,
      "Wechatpay-Signature": sign(`${timestamp}\n${n}\n${body}\n`, key.privateKey),
      "Request-ID": randomUUID(),
    };
  };

  /** The merchant a request's Authorization names, once its signature, serial and timestamp check out. */
  function authenticate(method: string, pathWithQuery: string, body: string, authorization: string | undefined): FakeMerchant {
    const fail = (why: string) => new PayError(401, "SIGN_ERROR", `签名错误：${why}`);
    if (!authorization?.startsWith("WECHATPAY2-SHA256-RSA2048 ")) throw fail("Authorization 类型错误");
    const fields = Object.fromEntries(
      [...authorization.slice(26).matchAll(/(\w+)="([^"]*)"/g)].map((match) => [match[1]!, match[2]!]),
    );
    const merchant = merchants.get(fields.mchid ?? "");
    if (!merchant) throw fail(`商户号 ${fields.mchid} 不存在`);
    if (fields.serial_no !== merchant.serial) throw fail("证书序列号不匹配");
    const timestamp = Number(fields.timestamp);
    if (!Number.isInteger(timestamp) || Math.abs(now() / 1000 - timestamp) > CLOCK_SKEW_S) throw fail("时间戳超出 5 分钟");
    if (!fields.nonce_str || !fields.signature) throw fail("缺少 nonce_str 或 signature");
    const message = `${method}\n${pathWithQuery}\n${fields.timestamp}\n${fields.nonce_str}\n${body}\n`;
    let ok = false;
    try {
      ok = createVerify("RSA-SHA256").update(message).verify(createPublicKey(merchant.publicKey), fields.signature, "base64");
    } catch {
      ok = false;
    }
    if (!ok) throw fail("签名验证失败");
    return merchant;
  }

  const param = (condition: unknown, message: string) => {
    if (!condition) throw new PayError(400, "PARAM_ERROR", message);
  };
  const subMerchantOf = (provider: FakeMerchant, subMchid: unknown) => {
    const sub = provider.subMerchants?.find((s) => s.subMchid === subMchid);
    if (!sub) throw new PayError(400, "MCH_NOT_EXISTS", "子商户号不存在或未与服务商建立关系");
    return sub;
  };

  function jsapi(merchant: FakeMerchant, body: Record<string, unknown>, raw: string, partner: boolean) {
    const amount = body.amount as { total?: unknown; currency?: unknown } | undefined;
    const payer = (body.payer ?? {}) as { openid?: unknown; sp_openid?: unknown; sub_openid?: unknown };
    for (const field of partner ? ["sp_appid", "sp_mchid", "sub_mchid", "description", "out_trade_no", "notify_url"] : ["appid", "mchid", "description", "out_trade_no", "notify_url"]) {
      param(typeof body[field] === "string" && body[field] !== "", `缺少参数 ${field}`);
    }
    param(amount && Number.isInteger(amount.total) && (amount.total as number) > 0, "amount.total 须为大于 0 的整数（分）");
    param(amount!.currency === undefined || amount!.currency === "CNY", "amount.currency 仅支持 CNY");
    param(OUT_TRADE_NO.test(String(body.out_trade_no)), "out_trade_no 须为 6-32 位数字、字母或 _-|*");
    param(String(body.description).length <= 127, "description 过长");
    param(/^https?:\/\/[^\s]+$/.test(String(body.notify_url)), "notify_url 格式错误");
    param(body.time_expire === undefined || !Number.isNaN(Date.parse(String(body.time_expire))), "time_expire 格式错误");
    let appid: string;
    let subMchid: string | undefined;
    let subAppid: string | undefined;
    if (partner) {
      param(body.sp_mchid === merchant.mchid, "sp_mchid 与请求签名的商户号不一致");
      appid = String(body.sp_appid);
      if (!merchant.appids.includes(appid)) throw new PayError(400, "APPID_MCHID_NOT_MATCH", "sp_appid 和 sp_mchid 不匹配");
      const sub = subMerchantOf(merchant, body.sub_mchid);
      subMchid = sub.subMchid;
      if (body.sub_appid !== undefined) {
        subAppid = String(body.sub_appid);
        if (!sub.appids.includes(subAppid)) throw new PayError(400, "APPID_MCHID_NOT_MATCH", "sub_appid 和 sub_mchid 不匹配");
      }
      param(typeof payer.sp_openid === "string" || typeof payer.sub_openid === "string", "缺少参数 payer.sp_openid 或 payer.sub_openid");
      param(payer.sub_openid === undefined || subAppid !== undefined, "使用 sub_openid 时须传 sub_appid");
    } else {
      param(body.mchid === merchant.mchid, "mchid 与请求签名的商户号不一致");
      appid = String(body.appid);
      if (!merchant.appids.includes(appid)) throw new PayError(400, "APPID_MCHID_NOT_MATCH", "appid 和 mchid 不匹配");
      param(typeof payer.openid === "string" && payer.openid !== "", "缺少参数 payer.openid");
    }
    const key = `${merchant.mchid}:${subMchid ?? ""}:${String(body.out_trade_no)}`;
    const existing = orders.get(key);
    if (existing) {
      if (existing.state === "CLOSED") throw new PayError(400, "ORDER_CLOSED", "订单已关闭");
      if (existing.state !== "NOTPAY") throw new PayError(400, "ORDERPAID", "该订单已支付");
      if (canonical(existing.body) !== canonical(raw)) throw new PayError(403, "OUT_TRADE_NO_USED", "商户订单号重复");
      return { prepay_id: existing.prepayId };
    }
    const order: FakeOrder = {
      key,
      mchid: merchant.mchid,
      ...(subMchid ? { subMchid } : {}),
      appid,
      ...(subAppid ? { subAppid } : {}),
      outTradeNo: String(body.out_trade_no),
      body: raw,
      description: String(body.description),
      notifyUrl: String(body.notify_url),
      totalFen: amount!.total as number,
      payer: Object.fromEntries(Object.entries(payer).map(([k, v]) => [k, String(v)])),
      ...(typeof body.attach === "string" ? { attach: body.attach } : {}),
      prepayId: `wx${rfc3339(now()).replace(/\D/g, "").slice(0, 14)}${randomBytes(12).toString("hex")}`,
      prepaidAt: now(),
      ...(body.time_expire ? { timeExpire: Date.parse(String(body.time_expire)) } : {}),
      state: "NOTPAY",
    };
    orders.set(key, order);
    return { prepay_id: order.prepayId };
  }

  function findOrder(mchid: string, subMchid: string | undefined, outTradeNo: string): FakeOrder {
    const order = orders.get(`${mchid}:${subMchid ?? ""}:${outTradeNo}`);
    if (!order) throw new PayError(404, "ORDER_NOT_EXIST", "订单不存在");
    return order;
  }

  function transactionResource(order: FakeOrder): Record<string, unknown> {
    const parties = order.subMchid
      ? { sp_appid: order.appid, sp_mchid: order.mchid, ...(order.subAppid ? { sub_appid: order.subAppid } : {}), sub_mchid: order.subMchid }
      : { appid: order.appid, mchid: order.mchid };
    const paid = order.state === "SUCCESS" || order.state === "REFUND";
    return {
      ...parties,
      out_trade_no: order.outTradeNo,
      ...(paid ? { transaction_id: order.transactionId, success_time: order.successTime, bank_type: "OTHERS" } : {}),
      trade_type: "JSAPI",
      trade_state: order.state,
      trade_state_desc: { NOTPAY: "未支付", SUCCESS: "支付成功", CLOSED: "已关闭", REFUND: "转入退款" }[order.state],
      ...(order.attach !== undefined ? { attach: order.attach } : {}),
      payer: order.payer,
      amount: { total: order.totalFen, currency: "CNY", ...(paid ? { payer_total: order.payerTotalFen, payer_currency: "CNY" } : {}) },
    };
  }

  function refundResource(refund: FakeRefund, order: FakeOrder, forNotification: boolean): Record<string, unknown> {
    return {
      ...(order.subMchid ? { sp_mchid: order.mchid, sub_mchid: order.subMchid } : { mchid: order.mchid }),
      out_trade_no: order.outTradeNo,
      transaction_id: order.transactionId,
      out_refund_no: refund.outRefundNo,
      refund_id: refund.refundId,
      [forNotification ? "refund_status" : "status"]: refund.status,
      channel: "ORIGINAL",
      user_received_account: "支付用户零钱",
      create_time: refund.createTime,
      ...(refund.successTime ? { success_time: refund.successTime } : {}),
      amount: { total: order.totalFen, refund: refund.refundFen, payer_total: order.payerTotalFen ?? order.totalFen, payer_refund: refund.refundFen, currency: "CNY" },
    };
  }

  function refund(merchant: FakeMerchant, body: Record<string, unknown>) {
    const amount = body.amount as { refund?: unknown; total?: unknown; currency?: unknown } | undefined;
    param(typeof body.out_refund_no === "string" && OUT_TRADE_NO.test(body.out_refund_no as string), "out_refund_no 格式错误");
    param(typeof body.out_trade_no === "string" || typeof body.transaction_id === "string", "缺少参数 out_trade_no 或 transaction_id");
    param(amount && Number.isInteger(amount.refund) && (amount.refund as number) > 0 && Number.isInteger(amount.total) && amount.currency === "CNY", "amount 须含整数 refund、total 与 currency CNY");
    const subMchid = merchant.subMerchants ? subMerchantOf(merchant, body.sub_mchid).subMchid : undefined;
    const order =
      typeof body.out_trade_no === "string"
        ? orders.get(`${merchant.mchid}:${subMchid ?? ""}:${body.out_trade_no}`)
        : [...orders.values()].find((o) => o.mchid === merchant.mchid && o.subMchid === subMchid && o.transactionId === body.transaction_id);
    if (!order) throw new PayError(404, "RESOURCE_NOT_EXISTS", "订单不存在");
    if (order.state !== "SUCCESS" && order.state !== "REFUND") throw new PayError(400, "INVALID_REQUEST", "订单未支付，不能退款");
    if (amount!.total !== order.totalFen) throw new PayError(400, "INVALID_REQUEST", "订单金额与原订单不一致");
    const previous = refunds.find((r) => r.orderKey.startsWith(`${merchant.mchid}:`) && r.outRefundNo === body.out_refund_no);
    if (previous) {
      if (previous.orderKey !== order.key || previous.refundFen !== amount!.refund) throw new PayError(400, "INVALID_REQUEST", "退款单号重复，且与原退款请求不一致");
      return refundResource(previous, order, false);
    }
    const refunded = refunds.filter((r) => r.orderKey === order.key).reduce((sum, r) => sum + r.refundFen, 0);
    if (refunded + (amount!.refund as number) > (order.payerTotalFen ?? order.totalFen)) throw new PayError(400, "INVALID_REQUEST", "申请退款金额超过订单可退金额");
    const created: FakeRefund = {
      orderKey: order.key,
      outRefundNo: String(body.out_refund_no),
      refundId: `50${Date.now()}${randomBytes(6).toString("hex")}`.slice(0, 32),
      refundFen: amount!.refund as number,
      status: "PROCESSING",
      ...(typeof body.notify_url === "string" ? { notifyUrl: body.notify_url } : {}),
      createTime: rfc3339(now()),
    };
    refunds.push(created);
    // The money goes back a moment later, as at WeChat Pay; then the refund notification.
    later(() => {
      created.status = "SUCCESS";
      created.successTime = rfc3339(now());
      order.state = "REFUND";
      if (created.notifyUrl) notify(order, "REFUND.SUCCESS", "退款成功", "refund", refundResource(created, order, true), created.notifyUrl, merchant);
    }, 20);
    return refundResource(created, order, false);
  }

  function route(method: string, pathname: string): { route: FakePayRoute; partner: boolean; outNo?: string } | undefined {
    let match: RegExpExecArray | null;
    if (method === "POST" && pathname === "/v3/pay/transactions/jsapi") return { route: "jsapi", partner: false };
    if (method === "POST" && pathname === "/v3/pay/partner/transactions/jsapi") return { route: "jsapi", partner: true };
    if ((match = /^\/v3\/pay\/(partner\/)?transactions\/out-trade-no\/([^/]+)(\/close)?$/.exec(pathname))) {
      const r = match[3] ? "close" : "query";
      if ((r === "close") !== (method === "POST") || (r === "query") !== (method === "GET")) return undefined;
      return { route: r, partner: Boolean(match[1]), outNo: decodeURIComponent(match[2]!) };
    }
    if (method === "POST" && pathname === "/v3/refund/domestic/refunds") return { route: "refund", partner: false };
    if (method === "GET" && (match = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(pathname))) return { route: "refundQuery", partner: false, outNo: decodeURIComponent(match[1]!) };
    return undefined;
  }

  async function answer(request: http.IncomingMessage, raw: string, response: http.ServerResponse) {
    const url = new URL(request.url ?? "/", "http://fake");
    if (url.pathname.startsWith("/__fake/")) return control(url.pathname.slice(8), raw, response);
    const respond = (status: number, payload?: unknown, spoil: Parameters<typeof signedHeaders>[1] = {}) => {
      const body = payload === undefined ? "" : JSON.stringify(payload);
      response.writeHead(status, { ...(body ? { "content-type": "application/json" } : {}), ...signedHeaders(body, spoil) });
      response.end(body);
    };
    const method = request.method ?? "GET";
    const matched = route(method, url.pathname);
    if (!matched) {
      requests.push({ route: "unknown", status: 404 });
      return respond(404, { code: "NOT_FOUND", message: "无此接口" });
    }
    let fault: FakePayFault | undefined;
    const index = faults.findIndex((f) => f.route === matched.route);
    if (index >= 0) {
      fault = faults[index]!.fault;
      if (--faults[index]!.remaining <= 0) faults.splice(index, 1);
    }
    const record = (status: number) => requests.push({ route: matched.route, status });
    if (fault === "hang") {
      record(0);
      return void hanging.add(response);
    }
    if (fault === "reset") {
      record(0);
      return void request.socket.destroy();
    }
    if (typeof fault === "object") {
      record(fault.status);
      return respond(fault.status, { code: fault.code, message: fault.message ?? fault.code });
    }
    try {
      const merchant = authenticate(method, `${url.pathname}${url.search}`, raw, request.headers.authorization);
      let body: Record<string, unknown> = {};
      if (method === "POST") {
        try {
          body = JSON.parse(raw) as Record<string, unknown>;
        } catch {
          throw new PayError(400, "PARAM_ERROR", "请求体不是合法的 JSON");
        }
      }
      let status = 200;
      let payload: unknown;
      switch (matched.route) {
        case "jsapi":
          payload = jsapi(merchant, body, raw, matched.partner);
          break;
        case "query": {
          const subMchid = matched.partner ? subMerchantOf(merchant, url.searchParams.get("sub_mchid")).subMchid : undefined;
          param((matched.partner ? url.searchParams.get("sp_mchid") : url.searchParams.get("mchid")) === merchant.mchid, "mchid 与请求签名的商户号不一致");
          payload = transactionResource(findOrder(merchant.mchid, subMchid, matched.outNo!));
          break;
        }
        case "close": {
          const subMchid = matched.partner ? subMerchantOf(merchant, body.sub_mchid).subMchid : undefined;
          param((matched.partner ? body.sp_mchid : body.mchid) === merchant.mchid, "mchid 与请求签名的商户号不一致");
          const order = findOrder(merchant.mchid, subMchid, matched.outNo!);
          // Not in WeChat Pay's v3 table (unconfirmed status); its v2 close answers ORDERPAID for a paid order.
          if (order.state === "SUCCESS" || order.state === "REFUND") throw new PayError(400, "ORDERPAID", "订单已支付，不能关闭");
          order.state = "CLOSED";
          status = 204;
          break;
        }
        case "refund":
          payload = refund(merchant, body);
          break;
        case "refundQuery": {
          const subMchid = merchant.subMerchants ? subMerchantOf(merchant, url.searchParams.get("sub_mchid")).subMchid : undefined;
          const found = refunds.find((r) => r.orderKey.startsWith(`${merchant.mchid}:${subMchid ?? ""}:`) && r.outRefundNo === matched.outNo);
          if (!found) throw new PayError(404, "RESOURCE_NOT_EXISTS", "退款单不存在");
          payload = refundResource(found, orders.get(found.orderKey)!, false);
          break;
        }
      }
      if (fault === "processThen500") {
        record(500);
        return respond(500, { code: "SYSTEM_ERROR", message: "系统错误" });
      }
      record(status);
      if (fault === "unknownSerial") return respond(status, payload, { serial: strangerKey.serial, key: strangerKey });
      if (fault === "forgedSignature") return respond(status, payload, { key: strangerKey });
      respond(status, payload);
    } catch (error) {
      if (!(error instanceof PayError)) throw error;
      record(error.status);
      respond(error.status, { code: error.code, message: error.message });
    }
  }

  function notify(order: FakeOrder, eventType: string, summary: string, originalType: "transaction" | "refund", resource: Record<string, unknown>, url: string, merchant?: FakeMerchant) {
    const apiV3Key = (merchant ?? merchants.get(order.mchid)!).apiV3Key;
    const encrypt = (plaintext: string, iv: string, aad: string) => {
      const cipher = createCipheriv("aes-256-gcm", Buffer.from(apiV3Key, "utf8"), Buffer.from(iv, "utf8"));
      cipher.setAAD(Buffer.from(aad, "utf8"));
      return Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]).toString("base64");
    };
    const iv = randomBytes(6).toString("hex");
    const envelope = {
      id: randomUUID(),
      create_time: rfc3339(now()),
      resource_type: "encrypt-resource",
      event_type: eventType,
      summary,
      resource: { original_type: originalType, algorithm: "AEAD_AES_256_GCM", ciphertext: encrypt(JSON.stringify(resource), iv, originalType), associated_data: originalType, nonce: iv },
    };
    const body = JSON.stringify(envelope);
    const spoil = notificationFaults.shift() ?? {};
    const headers = signedHeaders(body, {
      ...(spoil.forgeSignature ? { key: strangerKey } : {}),
      ...(spoil.staleSeconds ? { timestamp: Math.floor(now() / 1000) - spoil.staleSeconds } : {}),
    });
    let delivered = body;
    if (spoil.tamperAmountFen !== undefined) {
      const amount = { ...(resource.amount as object), total: spoil.tamperAmountFen, payer_total: spoil.tamperAmountFen };
      delivered = JSON.stringify({ ...envelope, resource: { ...envelope.resource, ciphertext: encrypt(JSON.stringify({ ...resource, amount }), iv, originalType) } });
    }
    const notification: SentNotification = { id: envelope.id, url, headers: { "content-type": "application/json", ...headers }, body: delivered, eventType, outTradeNo: order.outTradeNo };
    sent.set(notification.id, notification);
    if (holding) held.push(notification);
    else dispatch(notification, spoil.duplicates ?? 0);
    return notification.id;
  }

  function dispatch(notification: SentNotification, duplicates: number) {
    for (let copy = 0; copy < duplicates; copy++) void post(notification).then((result) => deliveries.push(describeDelivery(notification, 0, result)));
    void deliver(notification, 1);
  }

  const describeDelivery = (n: SentNotification, attempt: number, result: FakeDelivery["result"]): FakeDelivery => ({
    notificationId: n.id,
    eventType: n.eventType,
    outTradeNo: n.outTradeNo,
    url: n.url,
    attempt,
    result,
  });

  async function post(notification: SentNotification): Promise<FakeDelivery["result"]> {
    inFlight++;
    try {
      const response = await fetch(notification.url, { method: "POST", headers: notification.headers, body: notification.body, signal: AbortSignal.timeout(notificationTimeoutMs) });
      await response.arrayBuffer().catch(() => undefined);
      return response.status;
    } catch (error) {
      return (error as Error).name === "TimeoutError" ? "timeout" : "error";
    } finally {
      inFlight--;
      settle();
    }
  }

  async function deliver(notification: SentNotification, attempt: number): Promise<void> {
    inFlight++;
    const result = await post(notification);
    deliveries.push(describeDelivery(notification, attempt, result));
    const delay = resendSchedule[attempt - 1];
    if (!(typeof result === "number" && result >= 200 && result < 300) && delay !== undefined) later(() => void deliver(notification, attempt + 1), delay);
    inFlight--;
    settle();
  }

  function later(work: () => void, ms: number) {
    inFlight++;
    const timer = setTimeout(() => {
      pendingTimers.delete(timer);
      work();
      inFlight--;
      settle();
    }, ms);
    pendingTimers.add(timer);
  }

  function settle() {
    if (inFlight > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  function control(name: string, raw: string, response: http.ServerResponse) {
    const send = (status: number, payload: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(payload));
    };
    // JSON turns a left-out argument into null: make it left out again, so defaults apply.
    const args = (JSON.parse(raw || "[]") as unknown[]).map((arg) => (arg === null ? undefined : arg));
    const callable: Record<string, (...a: never[]) => unknown> = {
      registerMerchant: fake.registerMerchant,
      signWith: fake.signWith,
      pay: fake.pay,
      inject: fake.inject,
      spoilNextNotification: fake.spoilNextNotification,
      holdNotifications: fake.holdNotifications,
      releaseNotifications: fake.releaseNotifications,
      replayNotification: fake.replayNotification,
      advanceClock: fake.advanceClock,
      order: fake.order,
      wechatpayKeys: () => fake.wechatpayKeys,
      deliveries: () => deliveries,
      refunds: () => refunds,
      idle: fake.idle,
    };
    const method = callable[name];
    if (!method) return send(404, { error: `unknown control request ${name}` });
    Promise.resolve()
      .then(() => (method as (...a: unknown[]) => unknown)(...args))
      .then(
        (result) => send(200, { result: result ?? null }),
        (error: unknown) => send(400, { error: String(error) }),
      );
  }

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      answer(request, Buffer.concat(chunks).toString("utf8"), response).catch((error: unknown) => {
        response.writeHead(500);
        response.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const fake: FakeWechatPay = {
    baseUrl: `http://127.0.0.1:${port}`,
    wechatpayKeys: {
      publicKey: { serial: wechatPublicKey.serial, publicKey: wechatPublicKey.publicKey },
      platformCertificate: { serial: platformCertificate.serial, publicKey: platformCertificate.publicKey },
    },
    registerMerchant(merchant) {
      createPublicKey(merchant.publicKey);
      if (Buffer.byteLength(merchant.apiV3Key, "utf8") !== 32) throw new Error("an APIv3 key is 32 bytes");
      merchants.set(merchant.mchid, merchant);
    },
    signWith(which) {
      signer = which === "publicKey" ? wechatPublicKey : platformCertificate;
    },
    pay(outTradeNo, payOptions = {}) {
      const candidates = [...orders.values()].filter((o) => o.outTradeNo === outTradeNo && (!payOptions.mchid || o.mchid === payOptions.mchid));
      if (candidates.length !== 1) throw new Error(`${candidates.length} orders ${outTradeNo} to pay`);
      const order = candidates[0]!;
      if (order.state !== "NOTPAY") throw new Error(`requestPayment:fail order ${outTradeNo} is ${order.state}`);
      if (now() - order.prepaidAt > PREPAY_LIFETIME_MS || (order.timeExpire !== undefined && now() > order.timeExpire)) throw new Error("requestPayment:fail prepay_id expired");
      if (payOptions.requestPayment) {
        const params = payOptions.requestPayment;
        const orderingAppid = order.subAppid ?? order.appid;
        const signed = `${orderingAppid}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`;
        let valid = false;
        try {
          valid = createVerify("RSA-SHA256").update(signed).verify(createPublicKey(merchants.get(order.mchid)!.publicKey), params.paySign, "base64");
        } catch {
          valid = false;
        }
        if (params.package !== `prepay_id=${order.prepayId}` || params.signType !== "RSA" || !valid) throw new Error("requestPayment:fail 支付验证签名失败");
      }
      order.state = "SUCCESS";
      order.transactionId = `4200${String(now()).slice(-10)}${randomBytes(7).toString("hex")}`.slice(0, 28);
      order.successTime = rfc3339(now());
      order.payerTotalFen = payOptions.paidFen ?? order.totalFen;
      const resource = transactionResource(order);
      if (payOptions.paidFen !== undefined) resource.amount = { ...(resource.amount as object), total: payOptions.paidFen };
      const notificationId = notify(order, "TRANSACTION.SUCCESS", "支付成功", "transaction", resource, order.notifyUrl);
      return { transactionId: order.transactionId, notificationId };
    },
    inject(routeName, fault, injectOptions = {}) {
      faults.push({ route: routeName, fault, remaining: injectOptions.times ?? 1 });
    },
    spoilNextNotification(fault) {
      notificationFaults.push(fault);
    },
    holdNotifications() {
      holding = true;
    },
    releaseNotifications(releaseOptions = {}) {
      holding = false;
      const batch = held.splice(0);
      if (releaseOptions.reverse) batch.reverse();
      for (const notification of batch) dispatch(notification, 0);
    },
    async replayNotification(notificationId) {
      const notification = sent.get(notificationId);
      if (!notification) throw new Error(`no notification ${notificationId}`);
      const result = await post(notification);
      deliveries.push(describeDelivery(notification, 0, result));
      return result;
    },
    sentNotification(notificationId) {
      const notification = sent.get(notificationId);
      if (!notification) throw new Error(`no notification ${notificationId}`);
      return { headers: { ...notification.headers }, body: notification.body };
    },
    advanceClock(ms) {
      clockOffset += ms;
    },
    order: (outTradeNo, mchid) => [...orders.values()].find((o) => o.outTradeNo === outTradeNo && (!mchid || o.mchid === mchid)),
    refunds,
    deliveries,
    requests,
    idle: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve))),
    async close() {
      for (const timer of pendingTimers) clearTimeout(timer);
      for (const response of hanging) response.socket?.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}

/** The same order sent again may differ in key order or spacing, not in content. */
function canonical(raw: string): string {
  const sort = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(sort) : value && typeof value === "object" ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sort(v)])) : value;
  return JSON.stringify(sort(JSON.parse(raw)));
}
