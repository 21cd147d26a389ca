import { en } from "./en";
import { zhCN } from "./zh-CN";

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";
export const LOCALE_COOKIE = "kaidian_locale";

export type Dictionary = typeof zhCN;

const dictionaries: Record<Locale, Dictionary> = { "zh-CN": zhCN, en };

export function isLocale(value: unknown): value is Locale {
  return LOCALES.includes(value as Locale);
}

export function dictionary(locale: Locale): Dictionary {
  return dictionaries[locale];
}

/** Fills {name} placeholders. Values are inserted as text, never as markup. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

/** The message for a domain or validation code, falling back to a generic one for codes with no text. */
export function errorMessage(dict: Dictionary, code: string, params?: Record<string, string | number>): string {
  return format(dict.errors[code] ?? dict.errors.unexpected!, params);
}
