// The Mini Program's server APIs on api.weixin.qq.com, as the shop-api and workers call them: login, the shared
// access token, phone numbers, shipping uploads and subscribe messages. Framework-free; reached through
// WECHAT_API_BASE exactly as the tests' fake is.
import type { Database } from "@kaidian/db";
import { AccessTokens, type AccessTokenOptions } from "./access-token";
import { WechatHttp } from "./http";
import { code2Session, type MiniProgramApp, type WechatSession } from "./login";
import { getPhoneNumber, type ShopperPhone } from "./phone";
import { uploadShippingInfo, type ShippingUpload } from "./shipping";
import { sendSubscribeMessage, type SubscribeMessage, type SubscribeOutcome } from "./subscribe";
import type { WechatApiSettings } from "./settings";

export { wechatApiSettings, wechatApiSettingsSchema, type WechatApiSettings } from "./settings";
export { WechatApiError, type WechatErrorKind } from "./errors";
export { wechatErrorMessage, type Locale } from "./messages";
export { shippingUploadSchema } from "./shipping";
export { appSecretSchema, sealAppSecret, openAppSecret } from "./app-secret";
export type { AccessToken, AccessTokenOptions } from "./access-token";
export type { MiniProgramApp, WechatSession, ShopperPhone, ShippingUpload, SubscribeMessage, SubscribeOutcome };

export class MiniProgramServerApi {
  readonly accessTokens: AccessTokens;
  private readonly http: WechatHttp;

  constructor(deps: { db: Database; masterKey: Buffer; settings: WechatApiSettings; tokens?: AccessTokenOptions }) {
    this.http = new WechatHttp(deps.settings);
    this.accessTokens = new AccessTokens(deps.db, deps.masterKey, this.http, deps.tokens);
  }

  /** jscode2session: the shopper's openid (and unionid) for a wx.login code. */
  code2Session(app: MiniProgramApp, code: string): Promise<WechatSession> {
    return code2Session(this.http, app, code);
  }

  getPhoneNumber(app: MiniProgramApp, code: string): Promise<ShopperPhone> {
    return this.accessTokens.withToken(app, (token) => getPhoneNumber(this.http, app.appid, token, code));
  }

  uploadShippingInfo(app: MiniProgramApp, upload: ShippingUpload): Promise<void> {
    return this.accessTokens.withToken(app, (token) => uploadShippingInfo(this.http, token, upload));
  }

  sendSubscribeMessage(app: MiniProgramApp, message: SubscribeMessage): Promise<SubscribeOutcome> {
    return this.accessTokens.withToken(app, (token) => sendSubscribeMessage(this.http, token, message));
  }
}
