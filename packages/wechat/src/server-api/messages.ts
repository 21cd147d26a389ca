// What a merchant or shopper reads when a WeChat call fails: Simplified Chinese first, English second. The shop-api
// and the dashboard show these instead of WeChat's errmsg, which is English jargon with a request id.
import type { WechatErrorKind } from "./errors";

export type Locale = "zh-CN" | "en";

const MESSAGES: Record<WechatErrorKind, Record<Locale, string>> = {
  "code.invalid": { "zh-CN": "微信授权已失效，请重试。", en: "The WeChat authorisation has expired. Please try again." },
  "code.used": { "zh-CN": "微信授权已使用过，请重试。", en: "This WeChat authorisation was already used. Please try again." },
  "login.tooFrequent": { "zh-CN": "登录太频繁，请稍后再试。", en: "Too many logins. Please try again in a minute." },
  "login.riskyUser": { "zh-CN": "微信判断该账号存在风险，暂时无法登录。", en: "WeChat flagged this account as risky; it cannot log in for now." },
  "app.invalidAppid": { "zh-CN": "小程序 AppID 无效，请在「微信设置」中检查。", en: "The Mini Program AppID is invalid. Check it under WeChat settings." },
  "app.invalidSecret": { "zh-CN": "小程序 AppSecret 不正确，请在「微信设置」中重新填写。", en: "The Mini Program AppSecret is wrong. Enter it again under WeChat settings." },
  "app.ipNotWhitelisted": { "zh-CN": "服务器地址不在小程序的 IP 白名单中，请在微信后台添加。", en: "The server's address is not on the Mini Program's IP whitelist. Add it in the WeChat admin." },
  "token.invalid": { "zh-CN": "微信接口凭证已失效，请稍后重试。", en: "WeChat's access token was revoked. Please try again shortly." },
  "token.expired": { "zh-CN": "微信接口凭证已过期，请稍后重试。", en: "WeChat's access token expired. Please try again shortly." },
  "token.quotaSpent": { "zh-CN": "今日微信接口凭证获取次数已用完，请明天再试。", en: "Today's quota of WeChat access tokens is spent. Try again tomorrow." },
  "request.badFormat": { "zh-CN": "发送给微信的数据格式不正确。", en: "The data sent to WeChat was not in the expected format." },
  "subscribe.badData": { "zh-CN": "订阅消息内容不符合模板要求（长度或字符）。", en: "The subscription message does not fit its template (length or characters)." },
  "subscribe.badOpenid": { "zh-CN": "接收消息的顾客无效。", en: "The customer to notify is not valid." },
  "subscribe.badTemplate": { "zh-CN": "订阅消息模板无效，请检查模板 ID。", en: "The subscription message template is invalid. Check its ID." },
  "subscribe.badPage": { "zh-CN": "消息跳转的页面不存在或未发布。", en: "The page the message opens does not exist or is not published." },
  "shipping.unknownOrder": { "zh-CN": "微信找不到这笔支付订单，无法上传发货信息。", en: "WeChat does not know this payment, so shipping cannot be uploaded." },
  "shipping.payerMismatch": { "zh-CN": "这笔支付不属于该顾客。", en: "This payment does not belong to this customer." },
  "component.ticketExpired": { "zh-CN": "微信第三方平台的验证票据已过期，请检查授权事件接收地址是否可达。", en: "The platform's verify ticket has expired: check that WeChat can reach the authorisation event URL." },
  "component.ticketInvalid": { "zh-CN": "微信第三方平台的验证票据无效，请等待微信推送新的票据。", en: "The platform's verify ticket is invalid: wait for WeChat to push a new one." },
  "component.notAuthorized": { "zh-CN": "小程序尚未授权给本平台，或已取消授权，请在「微信设置」中重新授权。", en: "The Mini Program is not authorised to the platform, or the authorisation was withdrawn. Authorise it again under WeChat settings." },
  "component.codeInvalid": { "zh-CN": "授权已过期或已使用，请重新扫码授权。", en: "This authorisation has expired or was already used. Authorise again." },
  "component.invalid": { "zh-CN": "第三方平台 AppID 或 AppSecret 不正确，请检查平台设置。", en: "The platform's AppID or AppSecret is wrong: check the platform settings." },
  "release.templateMissing": { "zh-CN": "模板库中没有这个模板版本，请先把它加入模板库。", en: "This template version is not in the template library: add it first." },
  "release.badExtJson": { "zh-CN": "店铺的配置（ext.json）不被微信接受，请联系平台处理。", en: "WeChat did not accept the store's ext.json: contact the platform." },
  "release.badCategory": { "zh-CN": "提审类目不是小程序已设置的类目，请在微信后台检查服务类目。", en: "The audit category is not one the Mini Program has: check its categories in the WeChat admin." },
  "release.notCommitted": { "zh-CN": "还没有上传代码，不能提交审核。", en: "No code was committed, so there is nothing to audit." },
  "release.auditRunning": { "zh-CN": "已有版本在审核中，请等待审核结果。", en: "A version is already being audited: wait for its result." },
  "release.auditQuotaSpent": { "zh-CN": "本月提审次数已用完，下月再提交，或联系平台。", en: "This month's audit quota is spent: submit next month, or contact the platform." },
  "release.privacyScanRunning": { "zh-CN": "微信仍在检测代码的隐私接口，稍后会自动重试。", en: "WeChat is still scanning the code's privacy interfaces; it will be tried again shortly." },
  "release.notApproved": { "zh-CN": "没有已通过审核、待发布的版本。", en: "There is no approved version waiting to be released." },
  "release.cannotRevert": { "zh-CN": "没有可回退的上一个线上版本。", en: "There is no previous live version to go back to." },
  "wechat.busy": { "zh-CN": "微信系统繁忙，请稍后再试。", en: "WeChat is busy. Please try again shortly." },
  "wechat.network": { "zh-CN": "连接微信失败，请稍后再试。", en: "Could not reach WeChat. Please try again shortly." },
  "wechat.unavailable": { "zh-CN": "微信服务暂时不可用，请稍后再试。", en: "WeChat is unavailable at the moment. Please try again shortly." },
  "wechat.rejected": { "zh-CN": "微信拒绝了这次请求。", en: "WeChat refused this request." },
};

export function wechatErrorMessage(kind: WechatErrorKind, locale: Locale = "zh-CN"): string {
  return MESSAGES[kind][locale];
}
