import { can } from "@kaidian/tenancy";
import Link from "next/link";
import { OrderSettingsForm } from "@/components/orders/order-settings-form";
import { Forbidden } from "@/components/shell/forbidden";
import { Card, PageHeader } from "@/components/ui/card";
import { currentDictionary } from "@/i18n/server";
import { orderSettingsPage } from "@/server/orders";
import { requireStore } from "@/server/session";

export default async function OrderSettingsPage({ params }: { params: Promise<{ store: string }> }) {
  const access = await requireStore((await params).store);
  const { t } = await currentDictionary();
  if (!can(access.roles, "settings")) return <Forbidden t={t} role={access.role} />;
  const settings = await orderSettingsPage(access);
  return (
    <>
      <Link href={`/stores/${access.store.slug}/orders`} className="mb-3 inline-block text-sm text-brand-700 underline-offset-2 hover:underline">{t.orders.detail.back}</Link>
      <PageHeader title={t.orders.settings.title} lead={t.orders.settings.lead} />
      <Card className="max-w-2xl">
        <OrderSettingsForm t={t} store={access.store.slug} settings={settings} />
      </Card>
    </>
  );
}
