// Subscribe messages a store sends its shoppers: order paid, shipped, ready for pickup, booking confirmed, queue
// number called. Each purpose says in one zod schema which values it carries (`PURPOSE_VALUES`); WeChat's templates
// are chosen from a public library, so keyword names differ from one template to the next ("character_string1",
// "thing2", ...), and the merchant says which keyword of the template they picked gets which value. Browser-safe:
// the dashboard's form, the server's save and the sending all read these schemas.
import { z } from "zod";

/** A value a message carries; `required` ones must be mapped to a keyword (the message says nothing without them). */
const value = (required: boolean) => z.string().meta({ required });

/**
 * What each purpose's message carries, in the order the form lists them. The keys of ready/called (number, store,
 * note) are the ones templates were saved with before the other purposes existed, so those rows read unchanged.
 */
export const PURPOSE_VALUES = {
  orderPaid: z.object({ orderNumber: value(true), amount: value(false), items: value(false), time: value(false), store: value(false) }),
  orderShipped: z.object({ orderNumber: value(true), company: value(false), trackingNumber: value(false), items: value(false), store: value(false) }),
  orderReady: z.object({ number: value(true), store: value(false), note: value(false) }),
  bookingConfirmed: z.object({ roomType: value(true), checkIn: value(false), checkOut: value(false), guest: value(false), store: value(false) }),
  queueCalled: z.object({ number: value(true), store: value(false), note: value(false) }),
};

export type MessagePurpose = keyof typeof PURPOSE_VALUES;
export const MESSAGE_PURPOSES = Object.keys(PURPOSE_VALUES) as MessagePurpose[];
export type MessageValues<P extends MessagePurpose = MessagePurpose> = z.infer<(typeof PURPOSE_VALUES)[P]>;

/** Purposes sent at most once per order (the claim in subscribe_claims); a queue number may be called again. */
export const ONCE_PER_SUBJECT: ReadonlySet<MessagePurpose> = new Set(["orderPaid", "orderShipped", "orderReady", "bookingConfirmed"]);

/** Which purposes a store of each template sends, in the order the 消息通知 page lists them. */
export const PURPOSES_BY_TEMPLATE: Record<"ecommerce" | "restaurant" | "hotel", MessagePurpose[]> = {
  ecommerce: ["orderPaid", "orderShipped"],
  restaurant: ["orderPaid", "orderReady", "queueCalled"],
  hotel: ["bookingConfirmed", "orderPaid"],
};

/** The value keys of a purpose, in order, each with whether it must be mapped. */
export function purposeFields(purpose: MessagePurpose): { key: string; required: boolean }[] {
  return Object.entries(PURPOSE_VALUES[purpose].shape).map(([key, schema]) => ({ key, required: Boolean((z.globalRegistry.get(schema) as { required?: boolean } | undefined)?.required) }));
}

/** The keyword kinds WeChat's templates use that can hold what we send. */
const KEYWORD = /^(thing|character_string|number|letter|phrase|name|time|date|amount|phone_number)([1-9]\d?)$/;

const keywordName = z.string({ error: "subscribe.required" }).trim().regex(KEYWORD, { error: "subscribe.keyword" });
/** WeChat's template ids are 43 URL-safe characters; a little room either way. */
const templateIdSchema = z.string().trim().regex(/^[A-Za-z0-9_-]{20,64}$/, { error: "subscribe.templateId" });

/** A purpose's template: its id and the keyword each value goes to (required values mapped, no keyword twice). */
export function templateSchemaFor(purpose: MessagePurpose) {
  const keywords = Object.fromEntries(purposeFields(purpose).map(({ key, required }) => [key, required ? keywordName : keywordName.optional()])) as Record<string, z.ZodType<string | undefined>>;
  return z
    .object({ templateId: templateIdSchema, keywords: z.object(keywords) })
    .refine((template) => {
      const used = Object.values(template.keywords).filter((keyword): keyword is string => typeof keyword === "string");
      return new Set(used).size === used.length;
    }, { error: "subscribe.keywordTwice", path: ["keywords"] });
}

export type SubscribeTemplate = { templateId: string; keywords: Partial<Record<string, string>> };

/**
 * The template's data: each mapped keyword gets its value fitted to what WeChat accepts for its kind (thing ≤ 20
 * characters, phrase ≤ 5 Chinese characters, character_string ≤ 32 printable ASCII, number digits, amount a figure
 * with 元, date without the time), so a long store name never costs the shopper the message (WeChat answers 47003
 * to a value that does not fit).
 */
export function templateData(template: SubscribeTemplate, values: Record<string, string>): Record<string, string> {
  const data: Record<string, string> = {};
  for (const [key, keyword] of Object.entries(template.keywords)) {
    if (keyword && values[key] !== undefined) data[keyword] = fit(keyword, values[key]);
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
    case "amount":
      return `${/\d+(\.\d{1,2})?/.exec(value)?.[0].slice(0, 13) ?? "0"}元`;
    case "phone_number":
      return value.replace(/[^0-9+-]/g, "").slice(0, 17);
    case "date":
      // A date keyword takes the day only: "2026年12月5日 14:00" → "2026年12月5日".
      return /^\d{4}年\d{1,2}月\d{1,2}日/.exec(value)?.[0] ?? chars(value, 20);
    case "time":
      return chars(value, 32);
    default:
      return chars(value, 20).trim() || "-";
  }
}

/** "2026年12月3日 14:05" in Asia/Shanghai: what WeChat's time keywords show. */
export function messageTime(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3600_000);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日 ${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`;
}

/** "2026-12-05" (a stay's night) → "2026年12月5日". */
export function messageDate(day: string): string {
  const [year, month, date] = day.split("-").map(Number);
  return `${year}年${month}月${date}日`;
}
