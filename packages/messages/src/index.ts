// Subscribe messages a store sends its shoppers ("your number is called", "your order is ready"): which template the
// merchant picked in WeChat's admin for each purpose, and which of its keywords carries what. WeChat's templates are
// chosen from a public library, so keyword names differ from one template to the next ("character_string1",
// "thing2", ...): the merchant says which keyword gets the number, and optionally the store's name and a note.
// Browser-safe: the dashboard's form and the server share this one schema.
import { z } from "zod";

export const MESSAGE_PURPOSES = ["queueCalled", "orderReady"] as const;
export type MessagePurpose = (typeof MESSAGE_PURPOSES)[number];

/** The keyword kinds WeChat's templates use that can hold what we send. */
const KEYWORD = /^(thing|character_string|number|letter|phrase|name|time|date)([1-9]\d?)$/;

const keywordName = z.string().trim().regex(KEYWORD, { error: "subscribe.keyword" });

export const subscribeTemplateSchema = z
  .object({
    /** WeChat's template ids are 43 URL-safe characters; a little room either way. */
    templateId: z.string().trim().regex(/^[A-Za-z0-9_-]{20,64}$/, { error: "subscribe.templateId" }),
    keywords: z.object({
      /** The queue number ("A012") or pickup number ("取餐号 12"). */
      number: keywordName,
      store: keywordName.optional(),
      note: keywordName.optional(),
    }),
  })
  .refine((template) => new Set(Object.values(template.keywords)).size === Object.values(template.keywords).length, {
    error: "subscribe.keywordTwice",
    path: ["keywords"],
  });
export type SubscribeTemplate = z.infer<typeof subscribeTemplateSchema>;

export type MessageValues = { number: string; store: string; note: string };

/**
 * The template's data: each keyword gets its value cut or reduced to what WeChat accepts for its kind (thing ≤ 20
 * characters, phrase ≤ 5 Chinese characters, character_string ≤ 32 printable ASCII, number digits only), so a long
 * store name never costs the shopper the message (WeChat answers 47003 to a value that does not fit).
 */
export function templateData(template: SubscribeTemplate, values: MessageValues): Record<string, string> {
  const data: Record<string, string> = {};
  for (const role of ["number", "store", "note"] as const) {
    const keyword = template.keywords[role];
    if (keyword) data[keyword] = fit(keyword, values[role]);
  }
  return data;
}

function fit(keyword: string, value: string): string {
  const kind = KEYWORD.exec(keyword)?.[1] ?? "thing";
  const chars = (text: string, max: number) => [...text].slice(0, max).join("");
  switch (kind) {
    case "number":
      return value.replace(/[^0-9]/g, "").slice(0, 32) || "0";
    case "letter":
      return value.replace(/[^A-Za-z]/g, "").slice(0, 32) || "A";
    case "character_string":
      return value.replace(/[^\x21-\x7e]/g, "").slice(0, 32) || "-";
    case "phrase":
      return chars(value.replace(/[^\p{Script=Han}]/gu, ""), 5) || "提醒";
    case "name":
      return chars(value, 10);
    default:
      return chars(value, 20) || "-";
  }
}
