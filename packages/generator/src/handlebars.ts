// The Handlebars environment for per-tenant files. Merchant text only ever enters through these helpers, each of
// which escapes for its target language; templates never print a raw value. `strict` makes a missing field an
// error instead of an empty string.
import { readFileSync } from "node:fs";
import path from "node:path";
import Handlebars from "handlebars";

const handlebars = Handlebars.create();

/** JSON for .json files: JSON.stringify is the escaping. */
handlebars.registerHelper("json", (value: unknown) => JSON.stringify(value));

/**
 * JSON as a JavaScript expression. U+2028 and U+2029 are legal in JSON strings but ended a line in older JS engines
 * (WeChat's base library on old phones), so they are escaped too.
 */
handlebars.registerHelper("js", (value: unknown) =>
  JSON.stringify(value).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029"),
);

/** WXSS colours are validated by the theme schema; this refuses anything else rather than print it into CSS. */
handlebars.registerHelper("color", (value: unknown) => {
  if (typeof value !== "string" || !/^#[0-9a-f]{6}$/i.test(value)) throw new Error(`Not a colour: ${JSON.stringify(value)}`);
  return value.toLowerCase();
});

export type FileTemplate = (context: object) => string;

export function fileTemplate(name: string): FileTemplate {
  const source = readFileSync(path.join(import.meta.dirname, "files", `${name}.hbs`), "utf8");
  return handlebars.compile(source, { noEscape: true, strict: true });
}
