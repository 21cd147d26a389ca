import { tableLanding } from "@kaidian/catalog/server";
import type { Metadata } from "next";
import { format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { database } from "@/server/db";

// Where a table's QR code leads when it is scanned by anything but WeChat (which opens the Mini Program instead,
// see components/tables/table-codes.ts): the store, the table, and a word to scan it with WeChat.
type Params = { tenant: string; code: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { tenant, code } = await params;
  const { t } = await currentDictionary();
  const landing = await tableLanding(database(), tenant, code);
  return { title: landing ? format(t.tables.landing.title, { store: landing.storeName, table: landing.tableName }) : t.notFound.title, robots: { index: false } };
}

export default async function TableLandingPage({ params }: { params: Promise<Params> }) {
  const { tenant, code } = await params;
  const { t } = await currentDictionary();
  const landing = await tableLanding(database(), tenant, code);
  return (
    <main className="mx-auto flex min-h-dvh max-w-sm flex-col items-center justify-center gap-4 px-6 text-center">
      {landing ? (
        <>
          <h1 className="text-2xl font-semibold text-slate-900">{landing.storeName}</h1>
          <p className="rounded-full bg-brand-50 px-5 py-2 text-lg font-medium text-brand-800">{format(t.tables.landing.table, { table: landing.tableName })}</p>
          <p className="text-base text-slate-700">{t.tables.landing.scan}</p>
        </>
      ) : (
        <p role="alert" className="text-base text-slate-700">{t.tables.landing.notFound}</p>
      )}
    </main>
  );
}
