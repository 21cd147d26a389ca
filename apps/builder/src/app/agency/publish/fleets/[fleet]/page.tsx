import { NotFoundError } from "@kaidian/accounts";
import Link from "next/link";
import { notFound } from "next/navigation";
import { agencyOf } from "@kaidian/tenancy";
import { FleetTable } from "@/components/agency/fleet-table";
import { jsonified } from "@/components/publishing/types";
import { Card, PageHeader } from "@/components/ui/card";
import { format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { database } from "@/server/db";
import { fleetPage } from "@/server/platform-releases";
import { requireUser } from "@/server/session";

export default async function FleetPage({ params }: { params: Promise<{ fleet: string }> }) {
  const { fleet: id } = await params;
  const user = await requireUser(`/agency/publish/fleets/${id}`);
  const membership = await agencyOf(database(), user.id);
  if (!membership) notFound();
  const { t, locale } = await currentDictionary();
  const fleet = await fleetPage({ userId: user.id, membership }, id, locale).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  return (
    <>
      <PageHeader
        title={format(t.releases.fleetPageTitle, { version: fleet.userVersion })}
        lead={t.releases.fleetLead}
        action={<Link href="/agency/publish" className="text-sm text-brand-700 underline-offset-2 hover:underline">{t.releases.back}</Link>}
      />
      <Card>
        <FleetTable t={t} initial={jsonified(fleet)} />
      </Card>
    </>
  );
}
