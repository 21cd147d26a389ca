import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { catalogItems } from "@/server/store-records";
import { requireStore } from "@/server/session";

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

export default async function CatalogPage({ params }: { params: Promise<{ store: string }> }) {
  const access = await requireStore((await params).store);
  const { t } = await currentDictionary();
  const catalog = t.catalogName[access.store.templateId];
  const items = await catalogItems(access);
  return (
    <>
      <PageHeader title={format(t.catalog.title, { catalog })} />
      <Card>
        {items.length === 0 ? (
          <EmptyState>{format(t.catalog.empty, { catalog })}</EmptyState>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-xs text-slate-500">
              <tr><th className="py-2">{t.catalog.columns.title}</th><th>{t.catalog.columns.price}</th><th>{t.catalog.columns.visible}</th></tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((item) => (
                <tr key={item.id}><td className="py-2">{item.title}</td><td>{yuan(item.priceFen)}</td><td>{item.visible ? t.catalog.yes : t.catalog.no}</td></tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
