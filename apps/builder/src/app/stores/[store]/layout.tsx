import type { ReactNode } from "react";
import { agencyOf, can, listStores, type StoreAction } from "@kaidian/tenancy";
import { StoreNav, type NavItem } from "@/components/shell/store-nav";
import { StoreSwitcher } from "@/components/shell/store-switcher";
import { TopBar } from "@/components/shell/top-bar";
import { currentDictionary } from "@/i18n/server";
import { database } from "@/server/db";
import { requireStore, requireUser } from "@/server/session";

export default async function StoreLayout({ children, params }: { children: ReactNode; params: Promise<{ store: string }> }) {
  const access = await requireStore((await params).store);
  const { t, locale } = await currentDictionary();
  const [stores, agency] = await Promise.all([listStores(database(), access.userId), agencyOf(database(), access.userId)]);
  const user = await requireUser();

  const base = `/stores/${access.store.slug}`;
  const sections: (NavItem & { needs: StoreAction })[] = [
    { href: base, label: t.nav.overview, icon: "overview", needs: "view" },
    { href: `${base}/design`, label: t.nav.design, icon: "design", needs: "view" },
    { href: `${base}/orders`, label: t.orders.nav, icon: "orders", needs: "orders" },
    { href: `${base}/analytics`, label: t.analytics.nav, icon: "analytics", needs: "settings" },
    { href: `${base}/catalog`, label: t.catalogName[access.store.templateId], icon: "catalog", needs: "view" },
    ...(access.store.templateId === "hotel" ? [{ href: `${base}/bookings`, label: t.hotel.nav, icon: "orders", needs: "orders" } as const] : []),
    ...(access.store.templateId === "hotel" ? [{ href: `${base}/rates`, label: t.rates.nav, icon: "rates", needs: "catalog" } as const] : []),
    ...(access.store.templateId === "restaurant" ? [{ href: `${base}/tables`, label: t.tables.nav, icon: "tables", needs: "catalog" } as const] : []),
    ...(access.store.templateId === "restaurant" ? [{ href: `${base}/queue`, label: t.queue.nav, icon: "queue", needs: "orders" } as const] : []),
    { href: `${base}/coupons`, label: t.coupons.nav, icon: "coupons", needs: "catalog" },
    { href: `${base}/members`, label: t.members.nav, icon: "members", needs: "orders" },
    { href: `${base}/publish`, label: t.nav.publish, icon: "publish", needs: "publish" },
    { href: `${base}/wechat`, label: t.nav.wechat, icon: "wechat", needs: "settings" },
    { href: `${base}/settings`, label: t.nav.settings, icon: "settings", needs: "settings" },
    { href: `${base}/settings/payments`, label: t.paymentSettings.nav, icon: "settings", needs: "payments" },
  ];

  return (
    <>
      <TopBar t={t} locale={locale} user={user}>
        <StoreSwitcher
          label={t.store.switchStore}
          current={access.store.slug}
          stores={stores.map((s) => ({ slug: s.store.slug, name: s.store.name }))}
          allStoresHref={agency ? "/agency" : "/stores/new"}
          allStoresLabel={agency ? t.store.allStores : `+ ${t.store.newTitle}`}
        />
      </TopBar>
      <div className="mx-auto flex max-w-7xl flex-col lg:flex-row">
        <StoreNav label={access.store.name} items={sections.filter((item) => can(access.roles, item.needs))} />
        <main className="min-w-0 flex-1 px-4 py-6 lg:px-8">{children}</main>
      </div>
    </>
  );
}
