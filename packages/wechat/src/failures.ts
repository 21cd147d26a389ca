// What went wrong in a hand-over to WeChat, in terms a merchant can act on. miniprogram-ci reports WeChat's answer
// as `Error: <the response body>` (code 20003) and failures of its own with a code of its own (20001 when the
// first request failed, 20002 when it could not sign); network failures arrive as Node's error text.
import type { CiReport, CiTaskError } from "./ci/run-task";

export type CiFailureCode =
  | "wechat.ipNotWhitelisted"
  | "wechat.keyMismatch"
  | "wechat.packageTooLarge"
  | "wechat.network"
  | "wechat.timeout"
  | "wechat.unavailable"
  | "wechat.rejected"
  | "ci.crashed";

export type CiFailure = {
  code: CiFailureCode;
  /** Worth another attempt later: the network, a timeout, WeChat's own trouble. */
  transient: boolean;
  /** What the message needs: the refused address, the part that is too large, WeChat's code and text. */
  params: { ip?: string; part?: string; wechatCode?: number; detail: string };
};

const NETWORK = /ECONNRESET|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|EPIPE|EHOSTUNREACH|ENETUNREACH|socket hang up|tunneling socket/i;
const PACKAGE_TOO_LARGE = new Set([80051, 80058, 80200]);

/** WeChat's answer inside miniprogram-ci's message, when there is one. */
function wechatAnswer(message: string): { errCode: number; errMsg: string } | null {
  const json = message.slice(message.indexOf("{"));
  try {
    const body = JSON.parse(json) as { errCode?: unknown; errMsg?: unknown };
    if (typeof body.errCode === "number") return { errCode: body.errCode, errMsg: String(body.errMsg ?? "") };
  } catch {
    // not a WeChat answer
  }
  // Its getrandstr wording: "errCode: -10008; errMsg: ..."
  const inline = /errCode: (-?\d+); errMsg: (.*)$/s.exec(message);
  return inline ? { errCode: Number(inline[1]), errMsg: inline[2]!.trim() } : null;
}

export function describeCiFailure(failure: CiReport & { ok: false }): CiFailure {
  const detail = failure.message.slice(0, 500);
  if (failure.code === 20002) return { code: "wechat.keyMismatch", transient: false, params: { detail } };
  const answer = wechatAnswer(failure.message);
  if (answer) {
    // Errors inside WeChat's upload service come wrapped: {"errCode":-1,"errMsg":"inner upload fail with errcode: 80051, ..."}
    const inner = /errcode: (-?\d+)/i.exec(answer.errMsg);
    const code = inner ? Number(inner[1]) : answer.errCode;
    const params = { wechatCode: code, detail: answer.errMsg.slice(0, 500) };
    // WeChat answers -10008 both for an address off the whitelist and for a signature it cannot verify: the
    // signature's wording is the more specific, so it is read first (a key mismatch is no IP problem).
    if (/get new ticket fail|signature/i.test(answer.errMsg)) return { code: "wechat.keyMismatch", transient: false, params };
    if (code === -10008) {
      const ip = /invalid ip:\s*([0-9a-f.:]+)/i.exec(answer.errMsg)?.[1];
      return { code: "wechat.ipNotWhitelisted", transient: false, params: { ...params, ...(ip ? { ip } : {}) } };
    }
    if (PACKAGE_TOO_LARGE.has(code) || /exceed max limit/i.test(answer.errMsg)) {
      const part = oversizedPart(answer.errMsg);
      return { code: "wechat.packageTooLarge", transient: false, params: { ...params, ...(part ? { part } : {}) } };
    }
    if (code === -1 && /system error|busy/i.test(answer.errMsg)) return { code: "wechat.unavailable", transient: true, params };
    return { code: "wechat.rejected", transient: false, params };
  }
  if (NETWORK.test(failure.message)) return { code: "wechat.network", transient: true, params: { detail } };
  // An answer that is not JSON at all (an HTML error page from a gateway): WeChat's side is in trouble.
  if (/SyntaxError|not valid JSON|Unexpected token/.test(failure.message)) return { code: "wechat.unavailable", transient: true, params: { detail } };
  return { code: "wechat.rejected", transient: false, params: { detail } };
}

/** A task that never answered. An aborted one is not described: its build was handed to another worker. */
export function describeCiTaskError(error: CiTaskError): CiFailure {
  if (error.reason === "timeout") return { code: "wechat.timeout", transient: true, params: { detail: error.message } };
  return { code: "ci.crashed", transient: true, params: { detail: error.message } };
}

/**
 * "main package source size 2580KB exceed max limit 2048KB" → "main"; a subpackage's root when one is named;
 * undefined when WeChat does not say (then the build's own measurements tell).
 */
function oversizedPart(errMsg: string): string | undefined {
  if (/main package/i.test(errMsg)) return "main";
  const sub = /(?:subpackage|sub package|subPackage)\s*\[?([\w/.-]+)\]?/i.exec(errMsg);
  if (sub) return sub[1]!;
  const preload = /preloadRule \[([^\]]+)\]/.exec(errMsg);
  return preload?.[1];
}
