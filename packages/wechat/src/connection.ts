// How this server reaches WeChat's CI service (servicewechat.com), from the environment:
// - WECHAT_CI_PROXY: an http(s) proxy for every request, e.g. an egress proxy with a fixed address, so one IP goes
//   into each Mini Program's upload whitelist however many workers there are.
// - WECHAT_CI_CA_FILE: extra certificate authorities (PEM) to trust, for a TLS-inspecting proxy (and the tests'
//   fake WeChat).
// - WECHAT_CI_TIMEOUT_MS: how long one upload or preview may take before it is stopped and retried.
import { existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const settingsSchema = z.object({
  WECHAT_CI_PROXY: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined)
    .pipe(z.url({ protocol: /^https?$/, error: "must be an http:// or https:// proxy address" }).optional()),
  WECHAT_CI_CA_FILE: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? path.resolve(value) : undefined))
    .refine((file) => file === undefined || existsSync(file), { error: "names a file that does not exist" }),
  WECHAT_CI_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(300_000),
});

export type WechatConnection = {
  proxy?: string;
  /** The child process environment that makes the extra authorities trusted. */
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
};

/** The connection settings in `env`; an Error naming each wrong setting (values are not repeated). */
export function wechatConnection(env: Record<string, string | undefined>): WechatConnection {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`);
    throw new Error(`WeChat CI settings: ${problems.join("; ")}`);
  }
  const settings = parsed.data;
  return {
    proxy: settings.WECHAT_CI_PROXY,
    env: settings.WECHAT_CI_CA_FILE ? { NODE_EXTRA_CA_CERTS: settings.WECHAT_CI_CA_FILE } : {},
    timeoutMs: settings.WECHAT_CI_TIMEOUT_MS,
  };
}
