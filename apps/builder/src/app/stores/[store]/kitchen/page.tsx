import { can } from "@kaidian/tenancy";
import { KitchenDisplay } from "@/components/kitchen/kitchen-display";
import { Forbidden } from "@/components/shell/forbidden";
import { currentDictionary } from "@/i18n/server";
import { kitchenView } from "@/server/kitchen";
import { requireStore } from "@/server/session";

export const dynamic = "force-dynamic";

export default async function KitchenPage({ params }: { params: Promise<{ store: string }> }) {
  const access = await requireStore((await params).store);
  const { t } = await currentDictionary();
  if (!can(access.roles, "orders")) return <Forbidden t={t} role={access.role} />;
  return <KitchenDisplay store={access.store.slug} initial={await kitchenView(access)} words={t.kitchen} backHref={`/stores/${access.store.slug}/orders`} />;
}
