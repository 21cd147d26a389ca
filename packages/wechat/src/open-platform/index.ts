// The third-party platform (第三方平台) path: WeChat's pushed messages opened and verified, and the platform's
// component_access_token kept from the newest ticket. Reached through WECHAT_COMPONENT_API_BASE as the tests' fake is.
import type { Database } from "@kaidian/db";
import { WechatHttp } from "../server-api/http";
import { ComponentTokens, type ComponentTokenOptions } from "./component-token";
import type { ComponentSettings } from "./settings";

export { componentSettings, componentSettingsSchema, type ComponentSettings } from "./settings";
export { openPushedMessage, RefusedPush, type PushedMessage, type PushQuery } from "./pushed-messages";
export { ComponentTokens, type ComponentTokenOptions } from "./component-token";

export function componentTokens(deps: { db: Database; masterKey: Buffer; settings: ComponentSettings; timeoutMs?: number; tokens?: ComponentTokenOptions }): ComponentTokens {
  const http = new WechatHttp({ baseUrl: deps.settings.apiBase, timeoutMs: deps.timeoutMs ?? 10_000 });
  return new ComponentTokens(deps.db, deps.masterKey, http, deps.settings, deps.tokens);
}
