// WeChat Pay's refusals as typed failures. Its HTTP status says whether to retry (5xx, 429, no answer: yes, with
// the very same request; 4xx: never unchanged); its `code` says what happened.
export const PAYMENT_ERROR_KINDS = [
  "signature",
  "invalidRequest",
  "appidMchidMismatch",
  "merchantNotFound",
  "noAuth",
  "orderNotFound",
  "orderClosed",
  "orderPaid",
  "outTradeNoUsed",
  "notEnough",
  "userPaying",
  "frequencyLimited",
  "system",
  "network",
  "unverifiedResponse",
] as const;
export type PaymentErrorKind = (typeof PAYMENT_ERROR_KINDS)[number];

const BY_CODE: Record<string, PaymentErrorKind> = {
  SIGN_ERROR: "signature",
  PARAM_ERROR: "invalidRequest",
  INVALID_REQUEST: "invalidRequest",
  APPID_MCHID_NOT_MATCH: "appidMchidMismatch",
  MCH_NOT_EXISTS: "merchantNotFound",
  NO_AUTH: "noAuth",
  ORDER_NOT_EXIST: "orderNotFound",
  RESOURCE_NOT_EXISTS: "orderNotFound",
  ORDER_CLOSED: "orderClosed",
  ORDERPAID: "orderPaid",
  OUT_TRADE_NO_USED: "outTradeNoUsed",
  NOT_ENOUGH: "notEnough",
  NOTENOUGH: "notEnough",
  USER_PAYING: "userPaying",
  FREQUENCY_LIMITED: "frequencyLimited",
  SYSTEM_ERROR: "system",
};

export class WechatPayError extends Error {
  readonly kind: PaymentErrorKind;
  readonly transient: boolean;

  constructor(
    /** The HTTP status, or null when no answer came. */
    readonly status: number | null,
    /** WeChat Pay's code (PARAM_ERROR, ORDER_CLOSED, …) or the SDK's / network's. */
    readonly code: string,
    /** WeChat Pay's message, for logs. */
    readonly detail: string,
    kind?: PaymentErrorKind,
  ) {
    const resolved = kind ?? BY_CODE[code] ?? (status === null ? "network" : status === 429 ? "frequencyLimited" : status >= 500 ? "system" : "invalidRequest");
    super(`WeChat Pay: ${resolved} (${status ?? "no answer"} ${code}: ${detail})`);
    this.name = "WechatPayError";
    this.kind = resolved;
    this.transient = status === null ? resolved === "network" : status === 429 || status >= 500;
  }
}

export type Locale = "zh-CN" | "en";

const MESSAGES: Record<PaymentErrorKind, Record<Locale, string>> = {
  signature: { "zh-CN": "微信支付验签失败：请检查商户 API 私钥和证书序列号。", en: "WeChat Pay rejected the signature: check the merchant API key and certificate serial." },
  invalidRequest: { "zh-CN": "微信支付拒绝了这次请求。", en: "WeChat Pay refused this request." },
  appidMchidMismatch: { "zh-CN": "小程序 AppID 未与该商户号关联，请在微信支付商户平台绑定。", en: "The Mini Program's AppID is not linked to this merchant account. Link it in the WeChat Pay merchant platform." },
  merchantNotFound: { "zh-CN": "商户号不存在，请检查支付设置。", en: "The merchant account does not exist. Check the payment settings." },
  noAuth: { "zh-CN": "商户号没有开通该支付权限。", en: "The merchant account is not permitted to use this payment product." },
  orderNotFound: { "zh-CN": "微信支付中没有这笔订单。", en: "WeChat Pay has no such order." },
  orderClosed: { "zh-CN": "订单已关闭，请重新下单。", en: "The order is closed. Please place it again." },
  orderPaid: { "zh-CN": "订单已支付。", en: "The order is already paid." },
  outTradeNoUsed: { "zh-CN": "订单号已用于另一笔不同的支付。", en: "This order number was already used for a different payment." },
  notEnough: { "zh-CN": "商户可用余额不足，暂时无法退款。", en: "The merchant's balance is too low to refund right now." },
  userPaying: { "zh-CN": "顾客正在支付中。", en: "The shopper is paying right now." },
  frequencyLimited: { "zh-CN": "请求太频繁，请稍后再试。", en: "Too many requests. Please try again shortly." },
  system: { "zh-CN": "微信支付系统繁忙，请稍后再试。", en: "WeChat Pay is busy. Please try again shortly." },
  network: { "zh-CN": "连接微信支付失败，请稍后再试。", en: "Could not reach WeChat Pay. Please try again shortly." },
  unverifiedResponse: { "zh-CN": "微信支付的应答未通过验签：请检查微信支付公钥或平台证书。", en: "WeChat Pay's answer failed verification: check the WeChat Pay public key or platform certificate." },
};

export function paymentErrorMessage(kind: PaymentErrorKind, locale: Locale = "zh-CN"): string {
  return MESSAGES[kind][locale];
}
