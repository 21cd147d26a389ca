// subscribe/send: a message the shopper agreed to receive (one accept in wx.requestSubscribeMessage = one send).
// A shopper who has not accepted (or whose accept was spent) is an ordinary outcome, not a failure: 43101 comes
// back as `{ sent: false, reason: "refused" }` so callers record it and move on.
import { WechatApiError } from "./errors";
import type { WechatHttp } from "./http";

export type SubscribeMessage = {
  toOpenid: string;
  templateId: string;
  /** The page the message opens, with its query: "pages/order/detail?id=…". */
  page?: string;
  /** The template's keywords and values, e.g. { thing1: "草莓蛋糕", amount2: "¥25.00" }. */
  data: Record<string, string>;
  /** Which version of the Mini Program the message opens. */
  state?: "formal" | "trial" | "developer";
  lang?: "zh_CN" | "en_US";
};

export type SubscribeOutcome = { sent: true } | { sent: false; reason: "refused" };

export async function sendSubscribeMessage(http: WechatHttp, accessToken: string, message: SubscribeMessage): Promise<SubscribeOutcome> {
  try {
    await http.post("/cgi-bin/message/subscribe/send", { access_token: accessToken }, {
      touser: message.toOpenid,
      template_id: message.templateId,
      ...(message.page ? { page: message.page } : {}),
      data: Object.fromEntries(Object.entries(message.data).map(([key, value]) => [key, { value }])),
      miniprogram_state: message.state ?? "formal",
      lang: message.lang ?? "zh_CN",
    });
    return { sent: true };
  } catch (error) {
    if (error instanceof WechatApiError && error.errcode === 43101) return { sent: false, reason: "refused" };
    throw error;
  }
}
