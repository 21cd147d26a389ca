// A build's failure in the merchant's words: what went wrong and how to fix it, from its code and parameters.
import { format, type Dictionary } from "@/i18n";

type CheckId = keyof Dictionary["publish"]["checks"];

export function failureMessage(
  t: Dictionary,
  code: string,
  params: Record<string, string | number>,
  catalog: string,
): { title: string; fix: string } {
  const words = t.publish.failures[code] ?? t.publish.failures["build.unexpected"]!;
  const filled: Record<string, string | number> = { detail: "", part: "", main: "?", total: "?", ...params };
  // Checks come as ids: name each as the checklist does.
  if (typeof params.checks === "string") {
    filled.checks = params.checks
      .split(",")
      .map((id) => (id in t.publish.checks ? format(t.publish.checks[id as CheckId].title, { catalog }) : id))
      .join("、");
  }
  if (code === "wechat.packageTooLarge" && params.part === "main") filled.part = t.publish.build.mainSize;
  const message = { title: format(words.title, filled), fix: format(words.fix, filled) };
  if (typeof params.retryInSeconds === "number") message.title = format(t.publish.retrying, { message: message.title, seconds: params.retryInSeconds });
  return message;
}
