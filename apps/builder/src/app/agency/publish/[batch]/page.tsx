import { NotFoundError } from "@kaidian/accounts";
import Link from "next/link";
import { notFound } from "next/navigation";
import { agencyOf } from "@kaidian/tenancy";
import { BatchTable } from "@/components/agency/batch-table";
import { jsonified } from "@/components/publishing/types";
import { Card, PageHeader } from "@/components/ui/card";
import { format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { database } from "@/server/db";
import { batchPage } from "@/server/publishing";
import { requireUser } from "@/server/session";

export default async function BatchPage({ params }: { params: Promise<{ batch: string }> }) {
  const { batch: id } = await params;
  const user = await requireUser(`/agency/publish/${id}`);
  const membership = await agencyOf(database(), user.id);
  if (!membership) notFound();
  const { t, locale } = await currentDictionary();
  const batch = await batchPage({ userId: user.id, membership }, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  return (
    <>
      <PageHeader
        title={format(t.bulk.batchTitle, { version: batch.version })}
        lead={`${batch.description} · ${batch.createdAt.toLocaleString(locale)} · ${t.bulk.concurrency} ${batch.concurrency}`}
        action={<Link href="/agency/publish" className="text-sm text-brand-700 underline-offset-2 hover:underline">{t.bulk.title}</Link>}
      />
      <Card>
        <BatchTable t={t} locale={locale} initial={jsonified(batch)} catalogNames={t.catalogName} />
      </Card>
    </>
  );
}
