import { buildNumberSchema } from "@kaidian/publishing";
import { can } from "@kaidian/tenancy";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BuildLive } from "@/components/publishing/build-live";
import { RepublishForm, RetryBuildButton } from "@/components/publishing/republish-form";
import { jsonified } from "@/components/publishing/types";
import { Forbidden } from "@/components/shell/forbidden";
import { Card, PageHeader } from "@/components/ui/card";
import { format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { buildPage } from "@/server/publishing";
import { requireStore } from "@/server/session";

export default async function BuildPage({ params }: { params: Promise<{ store: string; number: string }> }) {
  const { store, number } = await params;
  const access = await requireStore(store);
  const { t, locale } = await currentDictionary();
  if (!can(access.roles, "publish")) return <Forbidden t={t} role={access.role} />;
  const wanted = buildNumberSchema.safeParse(number);
  if (!wanted.success) notFound();
  const build = await buildPage(access, wanted.data);
  if (!build) notFound();
  const base = `/stores/${access.store.slug}/publish`;
  const purpose = `${t.publish.purpose[build.purpose]}${build.version ? ` ${build.version}` : ""}`;

  return (
    <>
      <PageHeader
        title={`${format(t.publish.build.title, { number: build.number })} · ${purpose}`}
        lead={build.description ?? undefined}
        action={<Link href={base} className="text-sm text-brand-700 underline-offset-2 hover:underline">{t.publish.build.back}</Link>}
      />
      <BuildLive t={t} locale={locale} store={access.store.slug} initial={jsonified(build)} catalog={t.catalogName[access.store.templateId]} />
      <div className="mt-4 grid gap-4 xl:grid-cols-2">
        {build.status === "FAILED" && (
          <Card title={t.publish.build.retry}>
            <RetryBuildButton t={t} store={access.store.slug} number={build.number} />
          </Card>
        )}
        {build.purpose === "UPLOAD" && build.artifactKey && build.status !== "QUEUED" && build.status !== "RUNNING" && (
          <Card title={t.publish.build.republish}>
            <RepublishForm t={t} store={access.store.slug} number={build.number} version={build.version ?? ""} />
          </Card>
        )}
      </div>
    </>
  );
}
