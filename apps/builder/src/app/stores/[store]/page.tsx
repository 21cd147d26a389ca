import Link from "next/link";
import { templates } from "@kaidian/templates";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { storeProgress } from "@/server/store-records";
import { requireStore } from "@/server/session";

export default async function OverviewPage({ params }: { params: Promise<{ store: string }> }) {
  const access = await requireStore((await params).store);
  const { t, locale } = await currentDictionary();
  const progress = await storeProgress(access);
  const template = templates[access.store.templateId];
  const base = `/stores/${access.store.slug}`;
  const steps = [
    { key: "design", done: progress.design, href: `${base}/design`, label: t.overview.steps.design },
    { key: "catalog", done: progress.catalog, href: `${base}/catalog`, label: format(t.overview.steps.catalog, { catalog: t.catalogName[access.store.templateId] }) },
    { key: "wechat", done: progress.wechat, href: `${base}/wechat`, label: t.overview.steps.wechat },
    { key: "publish", done: progress.publish, href: `${base}/publish`, label: t.overview.steps.publish },
  ];

  return (
    <>
      <PageHeader title={access.store.name} lead={template.description[locale]} />
      <div className="grid grid-cols-2 gap-3 sm:gap-4 xl:grid-cols-4">
        <Card><p className="text-xs text-slate-500">{t.overview.template}</p><p className="mt-1 font-semibold">{template.name[locale]}</p></Card>
        <Card><p className="text-xs text-slate-500">{t.overview.status}</p><p className="mt-1"><Badge tone={access.store.status === "ACTIVE" ? "good" : "warn"}>{t.store.status[access.store.status]}</Badge></p></Card>
        <Card><p className="text-xs text-slate-500">{t.overview.yourRole}</p><p className="mt-1 font-semibold" data-testid="store-role">{t.store.roles[access.role]}</p></Card>
        <Card><p className="text-xs text-slate-500">{t.overview.members}</p><p className="mt-1 font-semibold">{progress.members}</p></Card>
      </div>
      <Card title={t.overview.nextSteps} className="mt-4">
        <ol className="divide-y divide-slate-100">
          {steps.map((step, index) => (
            <li key={step.key} className="flex items-center gap-3 py-3">
              <span className={`grid size-7 shrink-0 place-items-center rounded-full text-sm font-medium ${step.done ? "bg-brand-600 text-white" : "bg-slate-100 text-slate-600"}`}>{step.done ? "✓" : index + 1}</span>
              <Link href={step.href} className="min-w-0 flex-1 text-sm text-slate-800 hover:underline">{step.label}</Link>
              <Badge tone={step.done ? "good" : "neutral"}>{step.done ? t.overview.done : t.overview.todo}</Badge>
            </li>
          ))}
        </ol>
      </Card>
    </>
  );
}
