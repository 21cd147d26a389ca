import { can } from "@kaidian/tenancy";
import { templates } from "@kaidian/templates";
import { ItemForm } from "@/components/catalog/item-form";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/ui/card";
import { format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { catalogCategories } from "@/server/store-records";
import { requireStore } from "@/server/session";

export default async function NewItemPage({ params }: { params: Promise<{ store: string }> }) {
  const access = await requireStore((await params).store);
  const { t } = await currentDictionary();
  if (!can(access.roles, "catalog")) return <Forbidden t={t} role={access.role} />;
  const kind = templates[access.store.templateId].itemKind;
  const categories = await catalogCategories(access);
  return (
    <>
      <PageHeader title={format(t.catalog.form.newTitle, { item: t.catalog.itemName[kind] })} />
      <ItemForm
        t={t} store={access.store.slug} kind={kind} categories={categories} item={null}
        listHref={`/stores/${access.store.slug}/catalog`} backLabel={format(t.catalog.form.back, { catalog: t.catalogName[access.store.templateId] })}
      />
    </>
  );
}
