import Link from "next/link";
import { can } from "@kaidian/tenancy";
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
  const words = t.storeSetup;
  const catalog = t.catalogName[access.store.templateId];
  // The guided order of a first hour.
  const steps = [
    { key: "storeInfo", done: progress.storeInfo, href: `${base}/design`, label: words.guide.steps.storeInfo },
    { key: "design", done: progress.design, href: `${base}/design`, label: words.guide.steps.design },
    { key: "catalog", done: progress.catalog, href: `${base}/catalog`, label: format(words.guide.steps.catalog, { catalog }) },
    { key: "wechat", done: progress.wechat, href: can(access.roles, "settings") ? `${base}/wechat` : null, label: words.guide.steps.wechat },
    // Only owners may set up where the money goes; others see the step without a link.
    { key: "payments", done: progress.payments, href: can(access.roles, "payments") ? `${base}/settings/payments` : null, label: words.guide.steps.payments },
    { key: "publish", done: progress.publish, href: can(access.roles, "publish") ? `${base}/publish` : null, label: words.guide.steps.publish },
  ];
  const next = steps.find((step) => !step.done)?.key;
  const publication =
    access.store.status === "SUSPENDED"
      ? { tone: "warn" as const, label: words.status.suspended, hint: undefined }
      : progress.publish
        ? { tone: "good" as const, label: words.status.uploaded, hint: words.status.uploadedHint }
        : { tone: "neutral" as const, label: words.status.never, hint: undefined };

  return (
    <>
      <PageHeader title={access.store.name} lead={template.description[locale]} />
      <div className="grid grid-cols-2 gap-3 sm:gap-4 xl:grid-cols-4">
        <Card><p className="text-xs text-slate-500">{t.overview.template}</p><p className="mt-1 font-semibold">{template.name[locale]}</p></Card>
        <Card>
          <p className="text-xs text-slate-500">{words.status.title}</p>
          <p className="mt-1" data-testid="store-status"><Badge tone={publication.tone}>{publication.label}</Badge></p>
          {publication.hint && <p className="mt-1 text-xs text-slate-500">{publication.hint}</p>}
        </Card>
        <Card><p className="text-xs text-slate-500">{t.overview.yourRole}</p><p className="mt-1 font-semibold" data-testid="store-role">{t.store.roles[access.role]}</p></Card>
        <Card><p className="text-xs text-slate-500">{t.overview.members}</p><p className="mt-1 font-semibold">{progress.members}</p></Card>
      </div>
      <Card title={words.guide.title} className="mt-4">
        <p className="mb-2 text-sm text-slate-600">{words.guide.lead}</p>
        <ol className="divide-y divide-slate-100" data-testid="guide">
          {steps.map((step, index) => (
            <li key={step.key} data-step={step.key} data-done={step.done} aria-current={step.key === next ? "step" : undefined} className={`flex items-center gap-3 py-3 ${step.key === next ? "-mx-2 rounded-lg bg-brand-50 px-2" : ""}`}>
              <span className={`grid size-7 shrink-0 place-items-center rounded-full text-sm font-medium ${step.done ? "bg-brand-600 text-white" : "bg-slate-100 text-slate-600"}`}>{step.done ? "✓" : index + 1}</span>
              <span className="min-w-0 flex-1 text-sm">
                {step.href ? <Link href={step.href} className="text-slate-800 hover:underline">{step.label}</Link> : <span className="text-slate-800">{step.label}</span>}
              </span>
              <Badge tone={step.done ? "good" : step.key === next ? "warn" : "neutral"}>
                {step.done ? t.overview.done : step.key === next ? words.guide.next : t.overview.todo}
              </Badge>
            </li>
          ))}
        </ol>
      </Card>
    </>
  );
}
