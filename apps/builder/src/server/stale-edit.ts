import "server-only";
import type { StaleRevisionError } from "@kaidian/db";
import { z } from "zod";
import { type Dictionary, format, type Locale } from "@/i18n";

/** The revision a form was opened at, as its hidden field sends it. */
export const revisionField = z.coerce.number({ error: "form.invalid" }).int().min(0).max(2_147_483_647);

/**
 * What a refused stale save tells the merchant: who saved in between and when, in the store's time zone (the
 * merchant's clock), so they know whose work a reload shows them.
 */
export function staleEditMessage(t: Dictionary, locale: Locale, error: StaleRevisionError): string {
  if (!error.current) return t.edits.deleted;
  const time = new Intl.DateTimeFormat(locale, { timeZone: "Asia/Shanghai", dateStyle: "medium", timeStyle: "medium" }).format(error.current.savedAt);
  return format(t.edits.conflict, { name: error.current.savedBy?.name ?? t.edits.someone, time });
}
