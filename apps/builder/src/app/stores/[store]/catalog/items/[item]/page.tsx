import { can } from "@kaidian/tenancy";
import { templates } from "@kaidian/templates";
import { notFound } from "next/navigation";
import { ItemForm } from "@/components/catalog/item-form";
import { Forbidden } from "@/components/shell/forbidden";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/card";
import { format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { catalogItem } from "@/server/store-records";
import { requireStore } from "@/server/session";

export default async function EditItemPage({ params }: { params: Promise<{ store: string; item: string }> }) {
  const { store, item: itemId } = await params;
  const access = await requireStore(store);
  const { t } = await currentDictionary();
  if (!can(access.roles, "catalog")) return <Forbidden t={t} role={access.role} />;
  const found = await catalogItem(access, itemId);
  if (!found) notFound();
  const { item, categories } = found;
  const kind = templates[access.store.templateId].itemKind;
  return (
    <>
      <PageHeader
        title={format(t.catalog.form.editTitle, { item: t.catalog.itemName[kind] })}
        lead={item.sample ? t.catalog.sampleHint : undefined}
        action={item.sample ? <Badge>{t.catalog.sample}</Badge> : undefined}
      />
      <ItemForm
        t={t} store={access.store.slug} kind={kind} categories={categories} item={item}
        listHref={`/stores/${access.store.slug}/catalog`} backLabel={format(t.catalog.form.back, { catalog: t.catalogName[access.store.templateId] })}
      />
    </>
  );
}
