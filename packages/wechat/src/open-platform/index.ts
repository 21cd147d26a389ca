// The third-party platform (第三方平台) path: WeChat's pushes opened and verified, the platform's component token
// kept from the newest ticket, and each store's authorisation with its authorizer tokens. Reached through
// WECHAT_COMPONENT_API_BASE as the tests' fake is.
import type { Database } from "@kaidian/db";
import { WechatHttp } from "../server-api/http";
import { Authorizations } from "./authorizations";
import { MiniProgramCode } from "./code";
import { ComponentTokens, type TokenOptions } from "./component-token";
import type { ComponentSettings } from "./settings";

export { componentSettings, componentSettingsSchema, type ComponentSettings } from "./settings";
export { openPushedMessage, RefusedPush, type PushedMessage, type PushQuery } from "./pushed-messages";
export { ComponentTokens, type TokenOptions } from "./component-token";
export { Authorizations, AuthorizationRefused, type Authorization, type AuthorizationLinks } from "./authorizations";
export { listPlatformTemplates, type PlatformTemplate } from "./templates";
export { MiniProgramCode, auditCategorySchema, type AuditCategory, type AuditStatus, type ExtJson } from "./code";

/** The platform's parts as a process uses them: its settings, its token, the stores' authorisations and their code. */
export function openPlatform(deps: { db: Database; masterKey: Buffer; settings: ComponentSettings; timeoutMs?: number }) {
  const tokens = componentTokens(deps);
  const authorizations = new Authorizations(deps.db, deps.masterKey, tokens);
  return { settings: deps.settings, tokens, authorizations, code: new MiniProgramCode(tokens.http, authorizations) };
}

export function componentTokens(deps: { db: Database; masterKey: Buffer; settings: ComponentSettings; timeoutMs?: number; tokens?: TokenOptions }): ComponentTokens {
  const http = new WechatHttp({ baseUrl: deps.settings.apiBase, timeoutMs: deps.timeoutMs ?? 10_000 });
  return new ComponentTokens(deps.db, deps.masterKey, http, deps.settings, deps.tokens);
}
export { TemplateDrafts, templateDeveloperSettings, type TemplateDraft } from "./template-drafts";
