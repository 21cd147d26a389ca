import { can } from "@kaidian/tenancy";
import Link from "next/link";
import { QueueSettingsForm } from "@/components/queue/queue-settings-form";
import { Forbidden } from "@/components/shell/forbidden";
import { Card, PageHeader } from "@/components/ui/card";
import { currentDictionary } from "@/i18n/server";
import { queueSettingsPage } from "@/server/queue";
import { requireStore } from "@/server/session";

export default async function QueueSettingsPage({ params }: { params: Promise<{ store: string }> }) {
  const access = await requireStore((await params).store);
  const { t } = await currentDictionary();
  if (!can(access.roles, "settings")) return <Forbidden t={t} role={access.role} />;
  const { settings } = await queueSettingsPage(access);
  return (
    <>
      <Link href={`/stores/${access.store.slug}/queue`} className="mb-3 inline-block text-sm text-brand-700 underline-offset-2 hover:underline">← {t.queue.title}</Link>
      <PageHeader title={t.queue.settings.title} lead={t.queue.settings.lead} />
      <Card className="max-w-3xl">
        <QueueSettingsForm t={t} store={access.store.slug} settings={settings} />
      </Card>
    </>
  );
}
