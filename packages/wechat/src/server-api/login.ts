// code2Session: the shopper's wx.login code, exchanged for their openid (and unionid when the Mini Program is bound
// to an Open Platform account) and the session_key, which never leaves the server.
import { WechatApiError } from "./errors";
import type { WechatHttp } from "./http";

export type MiniProgramApp = {
  /** The store the Mini Program belongs to: its access token is kept in that store's scope. */
  tenantId: string;
  appid: string;
  /** The AppSecret, opened from its sealed box only for the call. */
  appSecret: string;
};

export type WechatSession = { openid: string; unionid?: string; sessionKey: string };

export async function code2Session(http: WechatHttp, app: MiniProgramApp, code: string): Promise<WechatSession> {
  const answer = await http.get("/sns/jscode2session", {
    appid: app.appid,
    secret: app.appSecret,
    js_code: code,
    grant_type: "authorization_code",
  });
  // Success carries no errcode at all; an answer without an openid is not a session whatever else it says.
  if (typeof answer.openid !== "string" || typeof answer.session_key !== "string") {
    throw new WechatApiError(null, "jscode2session answered without openid", "/sns/jscode2session", "wechat.rejected");
  }
  return {
    openid: answer.openid,
    sessionKey: answer.session_key,
    ...(typeof answer.unionid === "string" ? { unionid: answer.unionid } : {}),
  };
}
