// How this server reaches WeChat's server APIs (api.weixin.qq.com), from the environment:
// - WECHAT_API_BASE: the base URL; the tests' fake WeChat, or an egress gateway, takes WeChat's place here.
// - WECHAT_API_TIMEOUT_MS: how long one call may take before it counts as a network failure.
import { z } from "zod";

export const wechatApiSettingsSchema = z.object({
  WECHAT_API_BASE: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || "https://api.weixin.qq.com")
    .pipe(z.url({ protocol: /^https?$/, error: "must be an http:// or https:// address" })),
  WECHAT_API_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(10_000),
});

export type WechatApiSettings = { baseUrl: string; timeoutMs: number };

/** The settings in `env`; an Error naming each wrong setting. */
export function wechatApiSettings(env: Record<string, string | undefined>): WechatApiSettings {
  const parsed = wechatApiSettingsSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`);
    throw new Error(`WeChat API settings: ${problems.join("; ")}`);
  }
  return { baseUrl: parsed.data.WECHAT_API_BASE, timeoutMs: parsed.data.WECHAT_API_TIMEOUT_MS };
}
