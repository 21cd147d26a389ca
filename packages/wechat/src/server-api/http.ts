// One call to WeChat's server API: JSON in, JSON out, errcode turned into a WechatApiError. WeChat answers HTTP 200
// for its own errors; anything else (a gateway's page, a reset, a timeout) means no answer at all.
import { WechatApiError } from "./errors";
import type { WechatApiSettings } from "./settings";

export type WechatAnswer = Record<string, unknown> & { errcode?: number; errmsg?: string };

export class WechatHttp {
  constructor(private readonly settings: WechatApiSettings) {}

  get(path: string, query: Record<string, string>): Promise<WechatAnswer> {
    return this.call("GET", path, query);
  }

  post(path: string, query: Record<string, string>, body: unknown): Promise<WechatAnswer> {
    return this.call("POST", path, query, body);
  }

  private async call(method: string, path: string, query: Record<string, string>, body?: unknown): Promise<WechatAnswer> {
    const url = new URL(path, this.settings.baseUrl);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
    } catch (error) {
      const cause = error instanceof Error ? `${error.name}: ${(error.cause as Error | undefined)?.message ?? error.message}` : String(error);
      throw new WechatApiError(null, cause, path, "wechat.network");
    }
    const text = await response.text().catch(() => "");
    let answer: WechatAnswer;
    try {
      answer = JSON.parse(text) as WechatAnswer;
    } catch {
      throw new WechatApiError(null, `HTTP ${response.status}: ${text.slice(0, 200)}`, path, "wechat.unavailable");
    }
    if (!response.ok) throw new WechatApiError(null, `HTTP ${response.status}: ${text.slice(0, 200)}`, path, "wechat.unavailable");
    if (typeof answer.errcode === "number" && answer.errcode !== 0) {
      throw new WechatApiError(answer.errcode, String(answer.errmsg ?? ""), path);
    }
    return answer;
  }
}
