import "server-only";
import { cookies } from "next/headers";
import { DEFAULT_LOCALE, type Locale, LOCALE_COOKIE, dictionary, isLocale } from "./index";

/** The visitor's language: their saved choice, else Simplified Chinese. */
export async function currentLocale(): Promise<Locale> {
  const saved = (await cookies()).get(LOCALE_COOKIE)?.value;
  return isLocale(saved) ? saved : DEFAULT_LOCALE;
}

export async function currentDictionary() {
  const locale = await currentLocale();
  return { locale, t: dictionary(locale) };
}
