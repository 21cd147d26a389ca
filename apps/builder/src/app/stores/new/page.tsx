import { NewStoreForm } from "@/components/forms/new-store-form";
import { TopBar } from "@/components/shell/top-bar";
import { Card, PageHeader } from "@/components/ui/card";
import { currentDictionary } from "@/i18n/server";
import { requireUser } from "@/server/session";

export default async function NewStorePage() {
  const user = await requireUser("/stores/new");
  const { t, locale } = await currentDictionary();
  return (
    <>
      <TopBar t={t} locale={locale} user={user} />
      <main className="mx-auto max-w-3xl px-4 py-8">
        <PageHeader title={t.store.newTitle} lead={t.store.newLead} />
        <Card><NewStoreForm t={t} locale={locale} /></Card>
      </main>
    </>
  );
}
