import { listTables, readQrVerificationFile } from "@kaidian/catalog/server";
import { can, inStore } from "@kaidian/tenancy";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Forbidden } from "@/components/shell/forbidden";
import { PrintButton } from "@/components/tables/print-button";
import { QrVerificationForm } from "@/components/tables/qr-verification-form";
import { PhoneReachNotice } from "@/components/preview/phone-reach-notice";
import { tableCards } from "@/components/tables/table-codes";
import { buttonClass } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { database } from "@/server/db";
import { phoneAddress } from "@/server/phone-address";
import { newPreviewLink } from "@/server/preview-links";
import { kaidianSecret } from "@/server/secret";
import { requireStore } from "@/server/session";

// On paper: A4, only the cards (the dashboard's bars and this page's header and setup notes are hidden), no card
// split across pages.
const PRINT_CSS = `
@page { size: A4; margin: 12mm; }
@media print {
  body { background: #fff !important; }
  body header, body nav, [data-screen-only] { display: none !important; }
  main { padding: 0 !important; }
  [data-table-card] { break-inside: avoid; page-break-inside: avoid; }
}`;

export default async function PrintTablesPage({ params }: { params: Promise<{ store: string }> }) {
  const access = await requireStore((await params).store);
  if (access.store.templateId !== "restaurant") notFound();
  const { t } = await currentDictionary();
  if (!can(access.roles, "catalog")) return <Forbidden t={t} role={access.role} />;
  const [tables, verification] = await Promise.all([inStore(database(), access, listTables), inStore(database(), access, readQrVerificationFile)]);
  const address = phoneAddress();
  const cards = await tableCards(access.store.id, tables, address.base);
  // A phone preview of the order page at each table, for whoever may preview the store's design.
  const preview = can(access.roles, "design") ? newPreviewLink(access.store.id, kaidianSecret()).token : null;
  const codes = new Map(tables.map((table) => [table.id, table.code]));
  const store = access.store.slug;

  return (
    <>
      <style>{PRINT_CSS}</style>
      <div data-screen-only>
        <PageHeader
          title={t.tables.printTitle}
          lead={t.tables.printLead}
          action={
            <div className="flex gap-2">
              <Link href={`/stores/${store}/tables`} className={buttonClass("secondary")}>{t.tables.back}</Link>
              <PrintButton label={t.tables.printButton} />
            </div>
          }
        />
        <PhoneReachNotice address={address} words={t.storeSetup.reach} />
        <Card title={t.tables.setupTitle} className="mb-6">
          <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700">
            {(["1", "2", "3", "4"] as const).map((step) => (
              <li key={step}>{format(t.tables.setupSteps[step], { prefix: `${address.base}/q/${access.store.id}/` })}</li>
            ))}
          </ol>
          {can(access.roles, "settings") && (
            <QrVerificationForm
              t={t}
              store={store}
              current={verification && { name: verification.name, url: `${address.base}/q/${access.store.id}/${verification.name}` }}
            />
          )}
        </Card>
      </div>
      {cards.length === 0 ? (
        <EmptyState>{t.tables.empty}</EmptyState>
      ) : (
        <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3 print:grid-cols-3 print:gap-[6mm]" aria-label={t.tables.printTitle}>
          {cards.map((card) => (
            <li key={card.id} data-table-card className="flex flex-col items-center rounded-xl border border-slate-300 bg-white p-4 text-center print:rounded-none print:border-dashed">
              <span className="text-sm text-slate-600">{access.store.name}</span>
              <span className="mt-1 text-2xl font-bold text-slate-900">{card.name}</span>
              <span
                role="img"
                aria-label={card.link}
                data-link={card.link}
                className="mt-2 block w-full max-w-44 [&>svg]:h-auto [&>svg]:w-full"
                // The SVG is the qrcode package's drawing of the link, which is a UUID and a code of [2-9A-Z].
                dangerouslySetInnerHTML={{ __html: card.svg }}
              />
              <span className="mt-1 text-xs text-slate-500">{t.tables.landing.scan}</span>
              <span className="mt-0.5 font-mono text-[10px] text-slate-400">{format(t.tables.scene, { scene: card.scene })}</span>
              {preview && (
                <a data-screen-only className="mt-1 text-xs text-brand-700 underline-offset-2 hover:underline" href={`${address.base}/p/${preview}?t=${encodeURIComponent(codes.get(card.id) ?? "")}`}>
                  {t.storeSetup.previewTable}
                </a>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
