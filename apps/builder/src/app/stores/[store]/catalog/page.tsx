import { isCsvKind, MAX_STORE_ITEMS } from "@kaidian/catalog";
import { itemListQuerySchema } from "@kaidian/catalog/server";
import { can } from "@kaidian/tenancy";
import { templates } from "@kaidian/templates";
import Link from "next/link";
import { CatalogFilters, CatalogPager } from "@/components/catalog/catalog-filters";
import { CatalogList } from "@/components/catalog/catalog-list";
import { CategoriesPanel } from "@/components/catalog/categories-panel";
import { CsvPanel } from "@/components/catalog/csv-panel";
import { buttonClass } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { catalogListing } from "@/server/store-records";
import { requireStore } from "@/server/session";

/** Past this many items the list warns how much room is left. */
const NEAR_LIMIT = MAX_STORE_ITEMS * 0.9;

export default async function CatalogPage({ params, searchParams }: {
  params: Promise<{ store: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const access = await requireStore((await params).store);
  const query = itemListQuerySchema.parse(await searchParams);
  const filters = { q: query.q, category: query.category };
  const { t } = await currentDictionary();
  const catalog = t.catalogName[access.store.templateId];
  const kind = templates[access.store.templateId].itemKind;
  const item = t.catalog.itemName[kind];
  const editable = can(access.roles, "catalog");
  const { categories, listing, count } = await catalogListing(access, query);
  const { items, page, pageCount } = listing;
  const filtered = Boolean(query.q || query.category);
  const base = `/stores/${access.store.slug}/catalog`;
  const number = (value: number) => value.toLocaleString("en-US");
  return (
    <>
      <PageHeader
        title={format(t.catalog.title, { catalog })}
        lead={format(t.catalog.lead, { catalog })}
        action={editable && count < MAX_STORE_ITEMS && <Link href={`${base}/items/new`} className={buttonClass()}>{format(t.catalog.add, { item })}</Link>}
      />
      <p className="mb-4 text-sm text-slate-600" data-testid="catalog-count">
        {format(t.catalogList.count, { count: number(count), max: number(MAX_STORE_ITEMS) })}
        {count >= MAX_STORE_ITEMS ? ` ${t.catalogList.full}` : count >= NEAR_LIMIT ? ` ${format(t.catalogList.nearLimit, { room: number(MAX_STORE_ITEMS - count) })}` : ""}
      </p>
      <div className="grid gap-4 2xl:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Card>
          {count === 0 ? (
            <EmptyState>{format(t.catalog.empty, { catalog })}</EmptyState>
          ) : (
            <div className="space-y-4">
              <CatalogFilters t={t} base={base} categories={categories} filters={filters} />
              {filtered && <p className="text-sm text-slate-600">{format(t.catalogList.matching, { count: number(listing.matching) })}</p>}
              {items.some((entry) => entry.sample) && <p className="text-sm text-slate-600">{t.catalog.sampleHint}</p>}
              {items.length === 0 ? (
                <EmptyState>{t.catalogList.noMatch}</EmptyState>
              ) : (
                <CatalogList
                  t={t} store={access.store.slug} kind={kind} categories={categories} items={items} editable={editable}
                  itemHref={(id) => `${base}/items/${id}`} morePages={{ before: page > 1, after: page < pageCount }}
                />
              )}
              <CatalogPager t={t} base={base} filters={filters} page={page} pageCount={pageCount} />
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
