import { previewTemplateSwitch } from "@kaidian/design";
import { can, inStore } from "@kaidian/tenancy";
import { pages, sections, templateIdSchema, templateList, type SectionRef } from "@kaidian/templates";
import Link from "next/link";
import { Forbidden } from "@/components/shell/forbidden";
import { SwitchTemplateButton } from "@/components/template/switch-template-button";
import { TemplateThumbnail } from "@/components/template/template-thumbnail";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { format, type Dictionary, type Locale } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { database } from "@/server/db";
import { requireStore } from "@/server/session";

function SectionList({ title, refs, words, locale }: { title: string; refs: SectionRef[]; words: Dictionary["templateSwitch"]; locale: Locale }) {
  return (
    <div>
      <h3 className="mb-1 text-sm font-semibold text-slate-800">{title}</h3>
      {refs.length === 0 ? (
        <p className="text-sm text-slate-500">{words.none}</p>
      ) : (
        <ul className="list-inside list-disc text-sm text-slate-700">
          {refs.map((ref) => (
            <li key={`${ref.page}/${ref.id}`}>{format(words.sectionOnPage, { page: pages[ref.page].label[locale], section: sections[ref.type].label[locale] })}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export default async function TemplatePage({ params, searchParams }: { params: Promise<{ store: string }>; searchParams: Promise<{ to?: string }> }) {
  const access = await requireStore((await params).store);
  const { t, locale } = await currentDictionary();
  if (!can(access.roles, "design")) return <Forbidden t={t} role={access.role} />;
  const words = t.templateSwitch;
  // Anyone who designs may look; switching the whole store to another template is the owner's decision.
  const mayChange = can(access.roles, "settings");
  const wanted = templateIdSchema.safeParse((await searchParams).to);
  const target = mayChange && wanted.success && wanted.data !== access.store.templateId ? wanted.data : null;
  const plan = target ? await inStore(database(), access, (tx) => previewTemplateSwitch(tx, access.store.id, target)) : null;
  const base = `/stores/${access.store.slug}/template`;

  return (
    <>
      <PageHeader title={words.title} lead={words.lead} />
      {!mayChange && <p className="mb-4 rounded-lg bg-slate-100 px-4 py-3 text-sm text-slate-700" data-testid="template-owner-only">{t.storeSetup.ownerOnlyTemplate}</p>}
      {target && plan && (
        <Card title={format(words.confirmTitle, { name: templateList.find((template) => template.id === target)!.name[locale] })} className="mb-6">
          <div className="grid gap-4 md:grid-cols-3" data-testid="template-switch-plan">
            <SectionList title={format(words.kept, { count: plan.kept.length })} refs={plan.kept} words={words} locale={locale} />
            <SectionList title={format(words.dropped, { count: plan.dropped.length })} refs={plan.dropped} words={words} locale={locale} />
            <SectionList title={format(words.added, { count: plan.added.length })} refs={plan.added} words={words} locale={locale} />
          </div>
          <ul className="mt-4 space-y-1 text-sm text-amber-800">
            {plan.droppedTabs.length > 0 && (
              <li>{format(words.droppedTabs, { pages: plan.droppedTabs.map((page) => pages[page].label[locale]).join("、") })}</li>
            )}
            {plan.unlinked > 0 && <li>{format(words.unlinked, { count: plan.unlinked })}</li>}
            {plan.sampleItemsAdded && <li>{format(words.sampleItems, { catalog: t.catalogName[target] })}</li>}
            <li>{words.liveUnchanged}</li>
          </ul>
          <div className="mt-5 flex flex-wrap items-center gap-3">
            <SwitchTemplateButton store={access.store.slug} templateId={target} number={plan.draft.number} revision={plan.draft.revision} words={words} />
            <Link href={base} className="rounded-md border border-slate-300 px-4 py-2 text-sm text-slate-700 hover:bg-slate-50">
              {words.cancel}
            </Link>
          </div>
        </Card>
      )}
      <ul className="grid gap-4 md:grid-cols-3" aria-label={words.title}>
        {templateList.map((template) => (
          <li key={template.id}>
            <Card className="h-full">
              <TemplateThumbnail templateId={template.id} label={format(words.preview, { name: template.name[locale] })} words={t.preview} />
              <div className="mt-3 flex items-center justify-between gap-2">
                <h2 className="font-semibold text-slate-900">{template.name[locale]}</h2>
                {template.id === access.store.templateId && <Badge tone="good">{words.current}</Badge>}
              </div>
              <p className="mt-1 text-sm text-slate-600">{template.description[locale]}</p>
              <p className="mt-1 text-xs text-slate-500">{t.store.wechatCategory}：{template.wechatCategory[locale]}</p>
              {mayChange && template.id !== access.store.templateId && (
                <Link href={`${base}?to=${template.id}`} className="mt-3 inline-block rounded-md border border-brand-600 px-3 py-1.5 text-sm font-medium text-brand-700 hover:bg-brand-50">
                  {words.choose}
                </Link>
              )}
            </Card>
          </li>
        ))}
      </ul>
    </>
  );
}
