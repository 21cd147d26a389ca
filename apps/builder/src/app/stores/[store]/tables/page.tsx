import { listTables } from "@kaidian/catalog/server";
import { can, inStore } from "@kaidian/tenancy";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Forbidden } from "@/components/shell/forbidden";
import { AddTableForm } from "@/components/tables/add-table-form";
import { TableRow } from "@/components/tables/table-row";
import { buttonClass } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { database } from "@/server/db";
import { requireStore } from "@/server/session";

export default async function TablesPage({ params }: { params: Promise<{ store: string }> }) {
  const access = await requireStore((await params).store);
  if (access.store.templateId !== "restaurant") notFound();
  const { t } = await currentDictionary();
  if (!can(access.roles, "catalog")) return <Forbidden t={t} role={access.role} />;
  const tables = await inStore(database(), access, listTables);
  const store = access.store.slug;

  return (
    <>
      <PageHeader
        title={t.tables.title}
        lead={t.tables.lead}
        action={tables.length > 0 && <Link href={`/stores/${store}/tables/print`} className={buttonClass()}>{t.tables.print}</Link>}
      />
      <div className="grid gap-4">
        <Card title={t.tables.add}><AddTableForm t={t} store={store} /></Card>
        <Card title={t.tables.title} action={<span className="text-sm text-slate-500">{format(t.tables.count, { count: tables.length })}</span>}>
          {tables.length === 0 ? (
            <EmptyState>{t.tables.empty}</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="tables">
              {tables.map((table) => <TableRow key={table.id} t={t} store={store} table={table} />)}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
