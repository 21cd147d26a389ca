// The third-party platform (第三方平台) this deployment runs as, from the environment. All four come from the
// platform's page on open.weixin.qq.com; with none of them set the platform path is off and stores publish with
// their own upload keys.
// - WECHAT_COMPONENT_APPID, WECHAT_COMPONENT_SECRET: the platform's own appid and secret.
// - WECHAT_COMPONENT_TOKEN: the token WeChat signs its pushed messages with.
// - WECHAT_COMPONENT_AES_KEY: the 43-character EncodingAESKey the pushed messages are encrypted with.
// - WECHAT_COMPONENT_API_BASE: where the platform's APIs are (api.weixin.qq.com; the tests' fake takes its place).
// - WECHAT_COMPONENT_LOGIN_PAGE, WECHAT_COMPONENT_BIND_PAGE: the pages where a merchant authorises, on a computer
//   and in WeChat on the phone (WeChat's own unless a test's fake takes their place).
import { z } from "zod";

function address(fallback: string) {
  return z
    .string()
    .trim()
    .optional()
    .transform((value) => value || fallback)
    .pipe(z.url({ protocol: /^https?$/, error: "must be an http:// or https:// address" }));
}

const NAMES = ["WECHAT_COMPONENT_APPID", "WECHAT_COMPONENT_SECRET", "WECHAT_COMPONENT_TOKEN", "WECHAT_COMPONENT_AES_KEY"] as const;

export const componentSettingsSchema = z.object({
  WECHAT_COMPONENT_APPID: z.string().trim().regex(/^wx[0-9a-f]{16}$/, { error: "must be an appid: wx and 16 hex digits" }),
  WECHAT_COMPONENT_SECRET: z.string().trim().regex(/^[0-9a-zA-Z]{32}$/, { error: "must be the 32-character AppSecret" }),
  WECHAT_COMPONENT_TOKEN: z.string().trim().regex(/^[0-9a-zA-Z]{3,32}$/, { error: "must be 3 to 32 letters or digits" }),
  WECHAT_COMPONENT_AES_KEY: z.string().trim().regex(/^[0-9a-zA-Z]{43}$/, { error: "must be the 43-character EncodingAESKey" }),
  WECHAT_COMPONENT_API_BASE: address("https://api.weixin.qq.com"),
  WECHAT_COMPONENT_LOGIN_PAGE: address("https://mp.weixin.qq.com/cgi-bin/componentloginpage"),
  WECHAT_COMPONENT_BIND_PAGE: address("https://open.weixin.qq.com/wxaopen/safe/bindcomponent"),
});

export type ComponentSettings = {
  appid: string;
  secret: string;
  token: string;
  aesKey: string;
  apiBase: string;
  loginPage: string;
  bindPage: string;
};

/** The platform's settings, null when none is set; an Error naming each wrong or missing one. */
export function componentSettings(env: Record<string, string | undefined>): ComponentSettings | null {
  if (NAMES.every((name) => !env[name]?.trim())) return null;
  const parsed = componentSettingsSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${String(issue.path[0])} ${issue.code === "invalid_type" ? "is missing" : issue.message}`);
    throw new Error(`WeChat third-party platform settings: ${problems.join("; ")}`);
  }
  const value = parsed.data;
  return {
    appid: value.WECHAT_COMPONENT_APPID,
    secret: value.WECHAT_COMPONENT_SECRET,
    token: value.WECHAT_COMPONENT_TOKEN,
    aesKey: value.WECHAT_COMPONENT_AES_KEY,
    apiBase: value.WECHAT_COMPONENT_API_BASE,
    loginPage: value.WECHAT_COMPONENT_LOGIN_PAGE,
    bindPage: value.WECHAT_COMPONENT_BIND_PAGE,
  };
}
