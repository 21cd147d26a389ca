// Merchant-entered text. It is shown literally wherever it goes (Mini Program, dashboard, JSON), so the only
// characters refused are those no reader can see, that break Unicode itself, or, on one line, that reorder what
// the reader sees.
import { z } from "zod";

// C0 controls other than tab and newline, DEL, and C1 controls.
const INVISIBLE_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
// Explicit direction embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI): on one line they make
// "abc\u202Efdp.exe" read as "abcexe.pdf" in a title, a table name or a store name, and their effect runs on into
// whatever the dashboard or the Mini Program prints next. Arabic and Hebrew need none of them to display right, and
// the marks (LRM, RLM, ALM), which only nudge neutral characters, stay allowed.
const DIRECTION_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function plainText(max: number, { multiline }: { multiline: boolean }) {
  return z
    .string()
    .max(max)
    .refine((value) => !INVISIBLE_CONTROL.test(value), { error: "Contains an invisible control character" })
    .refine((value) => multiline || !/[\n\r\t]/.test(value), { error: "Must be a single line" })
    .refine((value) => multiline || !DIRECTION_CONTROL.test(value), { error: "Contains a text-direction override" })
    .refine((value) => !LONE_SURROGATE.test(value), { error: "Contains a broken character (an unpaired surrogate)" });
}

/** One line of shopper-facing text, at most `max` characters. */
export function lineText(max: number) {
  return plainText(max, { multiline: false });
}

/** Paragraph text: newlines allowed. */
export function paragraphText(max: number) {
  return plainText(max, { multiline: true });
}

// Full-width forms (U+FF01-U+FF5E) sit at a fixed offset from ASCII; the ideographic space is U+3000.
const FULL_WIDTH = /[\uff01-\uff5e\u3000]/g;
// What a Chinese keyboard types in a number: 。 for a decimal point, 、 and ， between thousands.
const CHINESE_PUNCTUATION: Record<string, string> = { "。": ".", "、": ",", "，": "," };

/**
 * A number as typed on a Chinese keyboard, in half-width: "１２．５" and "１２。５" read as "12.5". Every number
 * field reads its text through this first, so a full-width price is accepted rather than refused.
 */
export function halfWidthNumber(text: string): string {
  return text
    .replace(FULL_WIDTH, (c) => (c === "\u3000" ? " " : String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
    .replace(/[。、，]/g, (c) => CHINESE_PUNCTUATION[c]!);
}
