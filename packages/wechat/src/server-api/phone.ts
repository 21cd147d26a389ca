// getuserphonenumber: the code from the getPhoneNumber button (one use, 5 minutes), exchanged for the shopper's
// number. WeChat charges the Mini Program per success, so callers store the number rather than ask again.
import { WechatApiError } from "./errors";
import type { WechatHttp } from "./http";

export type ShopperPhone = {
  /** With the country code for numbers outside mainland China, e.g. "+85261234567"; plain for mainland ones. */
  phoneNumber: string;
  /** Without the country code. */
  purePhoneNumber: string;
  countryCode: string;
};

export async function getPhoneNumber(http: WechatHttp, appid: string, accessToken: string, code: string): Promise<ShopperPhone> {
  const answer = await http.post("/wxa/business/getuserphonenumber", { access_token: accessToken }, { code });
  const info = answer.phone_info as
    | { phoneNumber?: unknown; purePhoneNumber?: unknown; countryCode?: unknown; watermark?: { appid?: unknown } }
    | undefined;
  if (!info || typeof info.purePhoneNumber !== "string" || typeof info.phoneNumber !== "string") {
    throw new WechatApiError(null, "getuserphonenumber answered without phone_info", "/wxa/business/getuserphonenumber", "wechat.rejected");
  }
  // The watermark names the Mini Program the number was granted to: never take another app's.
  if (info.watermark?.appid !== appid) {
    throw new WechatApiError(null, `phone number watermarked for ${String(info.watermark?.appid)}`, "/wxa/business/getuserphonenumber", "wechat.rejected");
  }
  return { phoneNumber: info.phoneNumber, purePhoneNumber: info.purePhoneNumber, countryCode: String(info.countryCode ?? "") };
}
