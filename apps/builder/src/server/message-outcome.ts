import "server-only";
// How a subscribe message went, in the merchant's words: the queue page beside each called number, the order page
// for each message about the order. WeChat's refusals are recorded as their kind and worded here.
import type { SendRecord } from "@kaidian/messages/server";
import { wechatErrorMessage, type WechatErrorKind } from "@kaidian/wechat/server-api";
import { format, type Dictionary, type Locale } from "@/i18n";

export function sendOutcomeText(send: Pick<SendRecord, "outcome" | "problem">, t: Dictionary, locale: Locale): string {
  const words = t.notifications;
  const problem = send.problem ?? "";
  const why =
    send.outcome === "notSetUp"
      ? (words.notSetUpWhy[problem] ?? problem)
      : send.outcome === "failed" && /^[a-z]+\.[A-Za-z]+$/.test(problem)
        ? wechatWords(problem as WechatErrorKind, locale, problem)
        : problem;
  return format(words.outcome[send.outcome] ?? send.outcome, { problem: why });
}

/** A kind an older build did not know (or text recorded before kinds were) reads as recorded. */
function wechatWords(kind: WechatErrorKind, locale: Locale, fallback: string): string {
  try {
    return wechatErrorMessage(kind, locale);
  } catch {
    return fallback;
  }
}
