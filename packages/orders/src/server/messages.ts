// What shop-api tells a shopper when a trading request cannot be served, zh-CN first and English, by error code.
// Order refusals and lifecycle refusals have their own words (refusals.ts, lifecycle.ts); these are the rest.
import type { Locale } from "../refusals";

export const SHOPPER_MESSAGES = {
  "token.missing": { "zh-CN": "请先登录。", en: "Please log in first." },
  "token.invalid": { "zh-CN": "登录信息无效，请重新登录。", en: "The login is not valid. Please log in again." },
  "token.expired": { "zh-CN": "登录已过期，请重新登录。", en: "The login has expired. Please log in again." },
  "token.otherStore": { "zh-CN": "登录信息属于其他店铺，请重新登录。", en: "This login belongs to another store. Please log in again." },
  "login.notSetUp": { "zh-CN": "本店尚未完成微信登录设置，暂时无法登录。", en: "This store has not finished setting up WeChat login yet." },
  "login.code": { "zh-CN": "微信登录失败，请重试。", en: "WeChat login failed. Please try again." },
  "login.tooFrequent": { "zh-CN": "登录过于频繁，请稍后再试。", en: "Too many logins. Please try again shortly." },
  "phone.code": { "zh-CN": "获取手机号失败，请重试。", en: "Could not get the phone number. Please try again." },
  "wechat.unavailable": { "zh-CN": "微信服务暂时不可用，请稍后再试。", en: "WeChat is not answering right now. Please try again shortly." },
  "payments.notSetUp": { "zh-CN": "本店暂未开通微信支付，暂时无法下单。", en: "This store cannot take payments yet, so orders cannot be placed." },
  "order.notFound": { "zh-CN": "没有找到这个订单。", en: "No such order." },
  "item.notFound": { "zh-CN": "没有找到这个商品。", en: "No such item." },
  "store.notFound": { "zh-CN": "店铺不存在或未营业。", en: "This store is not open." },
  "idempotency.missing": {
    "zh-CN": "下单请求缺少 Idempotency-Key，请更新小程序后重试。",
    en: "The order request has no Idempotency-Key (8-64 letters, digits, . _ : -). Please update the Mini Program.",
  },
  "request.invalid": { "zh-CN": "请求内容有误，请刷新后重试。", en: "The request is malformed. Please refresh and try again." },
  "cursor.invalid": { "zh-CN": "分页参数有误，请刷新后重试。", en: "The page cursor is not valid. Please refresh." },
  "order.notPayable": { "zh-CN": "这个订单已不能付款（已付款、已取消或已超时）。", en: "This order can no longer be paid (it is paid, cancelled or expired)." },
  // Hotel bookings
  "booking.stayStarted": { "zh-CN": "入住日已过，预订不能再取消。", en: "The check-in day is over: the booking can no longer be cancelled." },
  // Table orders
  "table.notFound": { "zh-CN": "没有找到这张桌台，请重新扫描桌上的二维码。", en: "No such table. Please scan the code on your table again." },
  "tab.none": { "zh-CN": "这张桌台还没有点菜。", en: "Nothing has been ordered at this table yet." },
  "tab.notPayAtEnd": { "zh-CN": "本店点餐时逐单付款，无需整桌结账。", en: "Each round is paid when it is sent here: there is no bill to settle." },
} as const satisfies Record<string, Record<Locale, string>>;

export type ShopperMessageCode = keyof typeof SHOPPER_MESSAGES;

export function shopperMessage(code: ShopperMessageCode, locale: Locale = "zh-CN"): string {
  return SHOPPER_MESSAGES[code][locale];
}
