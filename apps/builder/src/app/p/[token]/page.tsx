import { loadSiteSnapshot } from "@kaidian/storefront";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PhonePreview } from "@/components/preview/phone-preview";
import { format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { database } from "@/server/db";
import { verifyPreviewLink } from "@/server/preview-links";
import { kaidianSecret } from "@/server/secret";

/** A table code as the runtime reads it (`t=A12`); anything else opens no table. */
function tableOf(value: string | string[] | undefined): string | undefined {
  return typeof value === "string" && /^[A-Za-z0-9-]{1,8}$/.test(value) ? value : undefined;
}

export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };

// A phone preview link: the store it names, its latest saved config (the draft, when there is one) and catalog,
// read in that store's own database scope at request time. A tampered link is not found; an expired one says so.
export default async function PhonePreviewPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ t?: string | string[] }> }) {
  const { t } = await currentDictionary();
  const check = verifyPreviewLink(decodeURIComponent((await params).token), kaidianSecret());
  if (!check.ok && check.reason === "invalid") notFound();
  if (!check.ok) {
    return (
      <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center p-6 text-center" data-testid="preview-link-expired">
        <h1 className="text-lg font-semibold text-slate-900">{t.preview.mobile.expiredTitle}</h1>
        <p className="mt-2 text-sm text-slate-600">{t.preview.mobile.expiredBody}</p>
      </main>
    );
  }
  // The read API's address is never called: the preview turns the launch refresh off.
  const snapshot = await loadSiteSnapshot(database(), check.link.tenantId, { apiBaseUrl: "http://preview.invalid" });
  if (!snapshot) notFound();
  return (
    <main aria-label={format(t.preview.mobile.title, { store: snapshot.site.config.store.name })}>
      <PhonePreview snapshot={{ ...snapshot, apiBase: "" }} words={t.preview} table={tableOf((await searchParams).t)} />
    </main>
  );
}
