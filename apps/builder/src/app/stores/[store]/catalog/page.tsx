import { isCsvKind } from "@kaidian/catalog";
import { can } from "@kaidian/tenancy";
import { templates } from "@kaidian/templates";
import Link from "next/link";
import { CatalogList } from "@/components/catalog/catalog-list";
import { CategoriesPanel } from "@/components/catalog/categories-panel";
import { CsvPanel } from "@/components/catalog/csv-panel";
import { buttonClass } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { catalogListing } from "@/server/store-records";
import { requireStore } from "@/server/session";

export default async function CatalogPage({ params }: { params: Promise<{ store: string }> }) {
  const access = await requireStore((await params).store);
  const { t } = await currentDictionary();
  const catalog = t.catalogName[access.store.templateId];
  const kind = templates[access.store.templateId].itemKind;
  const item = t.catalog.itemName[kind];
  const editable = can(access.roles, "catalog");
  const { categories, items } = await catalogListing(access);
  const base = `/stores/${access.store.slug}/catalog`;
  return (
    <>
      <PageHeader
        title={format(t.catalog.title, { catalog })}
        lead={format(t.catalog.lead, { catalog })}
        action={editable && <Link href={`${base}/items/new`} className={buttonClass()}>{format(t.catalog.add, { item })}</Link>}
      />
      <div className="grid gap-4 2xl:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Card>
          {items.length === 0 ? (
            <EmptyState>{format(t.catalog.empty, { catalog })}</EmptyState>
          ) : (
            <div className="space-y-4">
              {items.some((entry) => entry.sample) && <p className="text-sm text-slate-600">{t.catalog.sampleHint}</p>}
              <CatalogList
                t={t} store={access.store.slug} kind={kind} categories={categories} items={items} editable={editable}
                itemHref={(id) => `${base}/items/${id}`}
              />
            </div>
          )}
        </Card>
        {editable && (
          <div className="grid content-start gap-4 md:grid-cols-2 2xl:grid-cols-1">
            <Card title={t.catalog.categories.title}>
              <CategoriesPanel t={t} store={access.store.slug} categories={categories} />
            </Card>
            {isCsvKind(kind) && (
              <Card title={t.catalog.csv.title}>
                <CsvPanel t={t} store={access.store.slug} kind={kind} exportHref={`${base}/export`} />
              </Card>
            )}
          </div>
        )}
      </div>
    </>
  );
}
