"use server";
import { can, storeRefSchema } from "@kaidian/tenancy";
import { errorMessage } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { phoneAddress, type PhoneAddress } from "../phone-address";
import { newPreviewLink } from "../preview-links";
import { kaidianSecret } from "../secret";
import { requireStore } from "../session";

export type PhonePreviewLinkResult = { ok: true; url: string; expiresAt: string; address: PhoneAddress } | { ok: false; message: string };

/** A signed link to the store's draft on a phone, for whoever may design the store. */
export async function createPhonePreviewLinkAction(store: string): Promise<PhonePreviewLinkResult> {
  const { t } = await currentDictionary();
  const parsed = storeRefSchema.safeParse(store);
  if (!parsed.success) return { ok: false, message: errorMessage(t, "store.notFound") };
  const access = await requireStore(parsed.data);
  if (!can(access.roles, "design")) return { ok: false, message: errorMessage(t, "permission.denied") };
  const { token, expiresAt } = newPreviewLink(access.store.id, kaidianSecret());
  // An address a phone can open, never the localhost the merchant's browser happens to use.
  const address = phoneAddress();
  return { ok: true, url: `${address.base}/p/${token}`, expiresAt: expiresAt.toISOString(), address };
}
