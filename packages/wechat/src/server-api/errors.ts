// WeChat's error codes as typed failures the shop-api, workers and dashboard can act on. The same errcode can mean
// different things per API (40029 is a bad wx.login code and a bad phone-number code alike), so the names describe
// what the caller should do, not which API answered.
export type WechatErrorKind =
  | "code.invalid"
  | "code.used"
  | "login.tooFrequent"
  | "login.riskyUser"
  | "app.invalidAppid"
  | "app.invalidSecret"
  | "app.ipNotWhitelisted"
  | "token.invalid"
  | "token.expired"
  | "token.quotaSpent"
  | "request.badFormat"
  | "subscribe.badData"
  | "subscribe.badOpenid"
  | "subscribe.badTemplate"
  | "subscribe.badPage"
  | "shipping.unknownOrder"
  | "shipping.payerMismatch"
  | "component.ticketExpired"
  | "component.ticketInvalid"
  | "component.invalid"
  | "component.notAuthorized"
  | "component.codeInvalid"
  | "release.templateMissing"
  | "release.badExtJson"
  | "release.badCategory"
  | "release.notCommitted"
  | "release.auditRunning"
  | "release.auditQuotaSpent"
  | "release.privacyScanRunning"
  | "release.notApproved"
  | "release.cannotRevert"
  | "wechat.busy"
  | "wechat.network"
  | "wechat.unavailable"
  | "wechat.rejected";

const BY_ERRCODE: Record<number, WechatErrorKind> = {
  [-1]: "wechat.busy",
  40001: "token.invalid",
  40003: "subscribe.badOpenid",
  40013: "app.invalidAppid",
  40029: "code.invalid",
  40037: "subscribe.badTemplate",
  40125: "app.invalidSecret",
  40163: "code.used",
  40164: "app.ipNotWhitelisted",
  40226: "login.riskyUser",
  41030: "subscribe.badPage",
  42001: "token.expired",
  45009: "token.quotaSpent",
  45011: "login.tooFrequent",
  47001: "request.badFormat",
  47003: "subscribe.badData",
  10060001: "shipping.unknownOrder",
  10060031: "shipping.payerMismatch",
  61005: "component.ticketExpired",
  61006: "component.ticketInvalid",
  61003: "component.notAuthorized",
  61009: "component.codeInvalid",
  61010: "component.codeInvalid",
  61011: "component.invalid",
  61039: "release.privacyScanRunning",
  85008: "release.badCategory",
  85009: "release.auditRunning",
  85013: "release.badExtJson",
  85014: "release.templateMissing",
  85019: "release.notApproved",
  85020: "release.notApproved",
  85045: "release.badExtJson",
  85048: "release.badExtJson",
  85085: "release.auditQuotaSpent",
  85086: "release.notCommitted",
  87012: "release.cannotRevert",
};

/** Worth trying again later with the same input: WeChat or the network was in trouble, or a rate limit. */
const TRANSIENT = new Set<WechatErrorKind>(["wechat.busy", "wechat.network", "wechat.unavailable", "login.tooFrequent", "release.privacyScanRunning"]);

export class WechatApiError extends Error {
  readonly kind: WechatErrorKind;
  readonly transient: boolean;

  constructor(
    /** WeChat's errcode, or null when no answer came (network, timeout, a gateway's page). */
    readonly errcode: number | null,
    /** WeChat's errmsg or the network failure, for logs: never shown as is. */
    readonly detail: string,
    /** Which API answered, for logs. */
    readonly api: string,
    kind?: WechatErrorKind,
  ) {
    const resolved = kind ?? (errcode === null ? "wechat.network" : (BY_ERRCODE[errcode] ?? "wechat.rejected"));
    super(`WeChat ${api}: ${resolved} (${errcode ?? "no answer"}: ${detail})`);
    this.name = "WechatApiError";
    this.kind = resolved;
    this.transient = TRANSIENT.has(resolved);
  }
}
