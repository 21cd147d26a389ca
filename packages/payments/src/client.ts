// WeChat Pay API v3 for one payment account, direct or partner. wechatpay-axios-plugin signs every request,
// verifies every answer against WeChat Pay's keys (signature, serial, ±5 minutes) and signs the wx.requestPayment
// parameters; this file only chooses the endpoints, shapes the bodies and decides what to retry.
//
// Retries: a 5xx, a 429 or no answer at all is retried with the very same request (same out_trade_no, same
// out_refund_no), which WeChat Pay treats as the same order or refund; a 4xx is never retried unchanged.
import { createHash, type KeyObject } from "node:crypto";
import http from "node:http";
import https from "node:https";
import type { AxiosError, AxiosInstance, Method } from "axios";
import { Decorator, Formatter, Rsa } from "wechatpay-axios-plugin";
import { z } from "zod";
import { WechatPayError } from "./errors";
import type { PaymentAccount, WechatpayConnection } from "./settings";

/** `out_trade_no` and `out_refund_no`: 6 to 32 of the characters WeChat Pay allows. */
export const outTradeNoSchema = z.string().regex(/^[0-9A-Za-z_\-|*]{6,32}$/, { error: "payments.outTradeNo.invalid" });

export const prepayInputSchema = z.object({
  outTradeNo: outTradeNoSchema,
  /** What the shopper sees in WeChat's bill: the store and the goods, at most 127 characters. */
  description: z.string().trim().min(1).max(127),
  amountFen: z.number().int().positive(),
  payerOpenid: z.string().min(1).max(128),
  notifyUrl: z.url({ protocol: /^https?$/ }),
  /** When the order stops being payable (WeChat Pay's default is 7 days). */
  expiresAt: z.date().optional(),
  /** Echoed back in queries and notifications, at most 128 characters. */
  attach: z.string().max(128).optional(),
});
export type PrepayInput = z.input<typeof prepayInputSchema>;

export const refundInputSchema = z
  .object({
    outTradeNo: outTradeNoSchema,
    outRefundNo: outTradeNoSchema.max(64),
    refundFen: z.number().int().positive(),
    /** The order's paid total, which WeChat Pay checks against its own. */
    totalFen: z.number().int().positive(),
    reason: z.string().trim().max(80).optional(),
    notifyUrl: z.url({ protocol: /^https?$/ }).optional(),
  })
  .refine((refund) => refund.refundFen <= refund.totalFen, { error: "payments.refund.exceedsTotal", path: ["refundFen"] });
export type RefundInput = z.input<typeof refundInputSchema>;

export const TRADE_STATES = ["SUCCESS", "REFUND", "NOTPAY", "CLOSED", "REVOKED", "USERPAYING", "PAYERROR"] as const;
export const REFUND_STATES = ["SUCCESS", "CLOSED", "PROCESSING", "ABNORMAL"] as const;

/** A payment as WeChat Pay reports it, in a query or a notification, direct or partner. */
export const transactionSchema = z
  .object({
    out_trade_no: z.string(),
    transaction_id: z.string().optional(),
    trade_state: z.enum(TRADE_STATES),
    success_time: z.string().optional(),
    attach: z.string().optional(),
    amount: z.object({ total: z.number().int(), payer_total: z.number().int().optional(), currency: z.string().optional() }).optional(),
    payer: z.object({ openid: z.string().optional(), sp_openid: z.string().optional(), sub_openid: z.string().optional() }).optional(),
    mchid: z.string().optional(),
    sp_mchid: z.string().optional(),
    sub_mchid: z.string().optional(),
  })
  .transform((t) => ({
    outTradeNo: t.out_trade_no,
    transactionId: t.transaction_id,
    state: t.trade_state,
    paidAt: t.success_time ? new Date(t.success_time) : undefined,
    attach: t.attach,
    totalFen: t.amount?.total,
    payerTotalFen: t.amount?.payer_total,
    payerOpenid: t.payer?.openid ?? t.payer?.sub_openid ?? t.payer?.sp_openid,
    /** The merchant the money went to: mchid, or sub_mchid in partner mode. */
    mchid: t.sub_mchid ?? t.mchid,
  }));
export type Transaction = z.output<typeof transactionSchema>;

/** A refund as WeChat Pay reports it, in an answer, a query or a notification. */
export const refundSchema = z
  .object({
    out_refund_no: z.string(),
    refund_id: z.string(),
    out_trade_no: z.string(),
    transaction_id: z.string().optional(),
    status: z.enum(REFUND_STATES).optional(),
    refund_status: z.enum(REFUND_STATES).optional(),
    success_time: z.string().optional(),
    amount: z.object({ total: z.number().int(), refund: z.number().int(), payer_refund: z.number().int().optional() }),
  })
  .refine((r) => r.status ?? r.refund_status, { error: "refund without a status" })
  .transform((r) => ({
    outRefundNo: r.out_refund_no,
    refundId: r.refund_id,
    outTradeNo: r.out_trade_no,
    transactionId: r.transaction_id,
    state: (r.status ?? r.refund_status)!,
    refundedAt: r.success_time ? new Date(r.success_time) : undefined,
    refundFen: r.amount.refund,
    totalFen: r.amount.total,
  }));
export type Refund = z.output<typeof refundSchema>;

/** What the Mini Program passes to wx.requestPayment, signed here with the merchant key. */
export type RequestPaymentParams = { timeStamp: string; nonceStr: string; package: string; signType: "RSA"; paySign: string };

/**
 * Keys parsed from their PEM, by its digest: parsing an RSA key costs more than a signature with it, and a store's
 * keys stay the same from one payment to the next. Bounded; the oldest goes first.
 */
const parsedKeys = new Map<string, KeyObject>();
const MAX_PARSED_KEYS = 1000;

function parsedKey(pem: string, type: "private" | "public"): KeyObject {
  const id = createHash("sha256").update(type).update(pem).digest("base64");
  let key = parsedKeys.get(id);
  if (!key) {
    key = Rsa.from(pem, type);
    if (parsedKeys.size >= MAX_PARSED_KEYS) parsedKeys.delete(parsedKeys.keys().next().value!);
    parsedKeys.set(id, key);
  }
  return key;
}

/**
 * One pool of kept-alive connections to WeChat Pay for the whole process, whatever the account: a client is made
 * per payment, and a TCP (and TLS) handshake per prepay would cost more than the call itself.
 */
const keptAlive = { httpAgent: new http.Agent({ keepAlive: true }), httpsAgent: new https.Agent({ keepAlive: true }) };

export class WechatPayClient {
  private readonly http: AxiosInstance;

  constructor(
    private readonly account: PaymentAccount,
    private readonly connection: WechatpayConnection,
  ) {
    const { merchant } = account;
    // APIv3 (JSON) only; axios's own options (baseURL, timeout, adapter) ride along in the same object.
    const config = {
      mchid: merchant.mchid,
      serial: merchant.certificateSerial,
      privateKey: parsedKey(merchant.privateKey, "private"),
      certs: Object.fromEntries(merchant.wechatpayKeys.map((key) => [key.serial, parsedKey(key.publicKey, "public")])),
      baseURL: new URL("/", connection.baseUrl).toString(),
      timeout: connection.timeoutMs,
      // Node's HTTP, always: axios would pick XMLHttpRequest wherever a DOM is defined (a jsdom test), with a
      // browser's cross-origin rules that a server calling WeChat Pay does not have.
      adapter: "http" as const,
      ...keptAlive,
    };
    this.http = Decorator.jsonBased(config);
  }

  /** JSAPI prepay: the prepay_id the Mini Program pays with. Resending the same order gives the same prepay_id. */
  async prepay(input: PrepayInput): Promise<{ prepayId: string }> {
    const order = prepayInputSchema.parse(input);
    const common = {
      description: order.description,
      out_trade_no: order.outTradeNo,
      notify_url: order.notifyUrl,
      amount: { total: order.amountFen, currency: "CNY" },
      ...(order.expiresAt ? { time_expire: rfc3339(order.expiresAt) } : {}),
      ...(order.attach !== undefined ? { attach: order.attach } : {}),
    };
    const account = this.account;
    const answer =
      account.mode === "direct"
        ? await this.call("POST", "/v3/pay/transactions/jsapi", { appid: account.appid, mchid: account.merchant.mchid, ...common, payer: { openid: order.payerOpenid } })
        : await this.call("POST", "/v3/pay/partner/transactions/jsapi", {
            sp_appid: account.spAppid,
            sp_mchid: account.merchant.mchid,
            sub_appid: account.subAppid,
            sub_mchid: account.subMchid,
            ...common,
            payer: { sub_openid: order.payerOpenid },
          });
    const prepayId = (answer as { prepay_id?: unknown }).prepay_id;
    if (typeof prepayId !== "string") throw new WechatPayError(200, "NO_PREPAY_ID", "jsapi answered without prepay_id", "invalidRequest");
    return { prepayId };
  }

  /** The wx.requestPayment parameters, signed for the Mini Program the shopper orders in (sub_appid in partner mode). */
  requestPaymentParams(prepayId: string): RequestPaymentParams {
    const appId = this.account.mode === "direct" ? this.account.appid : this.account.subAppid;
    const timeStamp = String(Formatter.timestamp());
    const nonceStr = Formatter.nonce();
    const pkg = `prepay_id=${prepayId}`;
    const paySign = Rsa.sign(Formatter.joinedByLineFeed(appId, timeStamp, nonceStr, pkg), parsedKey(this.account.merchant.privateKey, "private"));
    return { timeStamp, nonceStr, package: pkg, signType: "RSA", paySign };
  }

  async queryOrder(outTradeNo: string): Promise<Transaction> {
    const no = encodeURIComponent(outTradeNoSchema.parse(outTradeNo));
    const account = this.account;
    const answer =
      account.mode === "direct"
        ? await this.call("GET", `/v3/pay/transactions/out-trade-no/${no}`, undefined, { mchid: account.merchant.mchid })
        : await this.call("GET", `/v3/pay/partner/transactions/out-trade-no/${no}`, undefined, { sp_mchid: account.merchant.mchid, sub_mchid: account.subMchid });
    return transactionSchema.parse(answer);
  }

  /** Closes an unpaid order at WeChat Pay (an expired or cancelled one); `orderPaid` when the shopper paid first. */
  async closeOrder(outTradeNo: string): Promise<void> {
    const no = encodeURIComponent(outTradeNoSchema.parse(outTradeNo));
    const account = this.account;
    if (account.mode === "direct") await this.call("POST", `/v3/pay/transactions/out-trade-no/${no}/close`, { mchid: account.merchant.mchid });
    else await this.call("POST", `/v3/pay/partner/transactions/out-trade-no/${no}/close`, { sp_mchid: account.merchant.mchid, sub_mchid: account.subMchid });
  }

  /** A full or partial refund; the same out_refund_no asked again is the same refund. */
  async refund(input: RefundInput): Promise<Refund> {
    const refund = refundInputSchema.parse(input);
    const answer = await this.call("POST", "/v3/refund/domestic/refunds", {
      ...(this.account.mode === "partner" ? { sub_mchid: this.account.subMchid } : {}),
      out_trade_no: refund.outTradeNo,
      out_refund_no: refund.outRefundNo,
      ...(refund.reason ? { reason: refund.reason } : {}),
      ...(refund.notifyUrl ? { notify_url: refund.notifyUrl } : {}),
      amount: { refund: refund.refundFen, total: refund.totalFen, currency: "CNY" },
    });
    return refundSchema.parse(answer);
  }

  async queryRefund(outRefundNo: string): Promise<Refund> {
    const no = encodeURIComponent(outTradeNoSchema.max(64).parse(outRefundNo));
    const answer = await this.call("GET", `/v3/refund/domestic/refunds/${no}`, undefined, this.account.mode === "partner" ? { sub_mchid: this.account.subMchid } : undefined);
    return refundSchema.parse(answer);
  }

  /**
   * The connection test: a query for an order that cannot exist. WeChat Pay's answer (ORDER_NOT_EXIST) is verified
   * like a success would be (the SDK skips verifying error answers), so the merchant id, the API key and its serial,
   * and WeChat Pay's key are all proven; a WechatPayError says which is wrong.
   */
  async checkConnection(): Promise<void> {
    const no = `KDCHECK${Formatter.nonce().slice(0, 16)}`;
    const account = this.account;
    const [url, params] =
      account.mode === "direct"
        ? [`/v3/pay/transactions/out-trade-no/${no}`, { mchid: account.merchant.mchid }]
        : [`/v3/pay/partner/transactions/out-trade-no/${no}`, { sp_mchid: account.merchant.mchid, sub_mchid: account.subMchid }];
    let response;
    try {
      response = await this.http.request({ method: "GET", url, params, validateStatus: () => true });
    } catch (thrown) {
      throw describe(thrown);
    }
    const body = (typeof response.data === "object" && response.data ? response.data : {}) as { code?: string; message?: string };
    if (response.status === 404 && body.code === "ORDER_NOT_EXIST") return;
    throw new WechatPayError(response.status, String(body.code ?? `HTTP_${response.status}`), String(body.message ?? ""));
  }

  private async call(method: Method, url: string, data?: object, params?: Record<string, string>): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await this.http.request({ method, url, data, params });
        return response.data;
      } catch (thrown) {
        const error = describe(thrown);
        const delay = this.connection.retryDelaysMs[attempt];
        if (!(error instanceof WechatPayError) || !error.transient || delay === undefined) throw error;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}

/** The SDK's and axios's failures as WechatPayErrors; anything else as it was thrown. */
function describe(thrown: unknown): unknown {
  const error = thrown as AxiosError<{ code?: string; message?: string } | string>;
  // A fault of our own (a bug, not WeChat Pay's answer) is neither retried nor dressed up as one.
  if (!error?.isAxiosError) return thrown;
  const code = String(error.code ?? "");
  // The SDK refuses answers whose signature, serial or timestamp does not verify (EV3_RES_HEADER_*).
  if (code.startsWith("EV3_RES_")) return new WechatPayError(error.response?.status ?? null, code, error.message, "unverifiedResponse");
  const response = error.response;
  if (!response) return new WechatPayError(null, code || "NETWORK", error.message ?? String(thrown), "network");
  const body = typeof response.data === "object" && response.data ? response.data : {};
  return new WechatPayError(response.status, String(body.code ?? `HTTP_${response.status}`), String(body.message ?? ""));
}

/** RFC 3339 in China Standard Time, as WeChat Pay writes its own times. */
function rfc3339(date: Date): string {
  const local = new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 19);
  return `${local}+08:00`;
}
