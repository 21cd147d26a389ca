import { can } from "@kaidian/tenancy";
import { pages, templates } from "@kaidian/templates";
import { BuildList } from "@/components/publishing/build-list";
import { ReadinessList } from "@/components/publishing/readiness-list";
import { jsonified } from "@/components/publishing/types";
import { UploadForm } from "@/components/publishing/upload-form";
import { WechatPreview } from "@/components/publishing/wechat-preview";
import { PhonePreviewButton } from "@/components/preview/phone-preview-button";
import { Forbidden } from "@/components/shell/forbidden";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { publishPage } from "@/server/publishing";
import { requireStore } from "@/server/session";

export default async function PublishPage({ params }: { params: Promise<{ store: string }> }) {
  const access = await requireStore((await params).store);
  const { t, locale } = await currentDictionary();
  if (!can(access.roles, "publish")) return <Forbidden t={t} role={access.role} />;
  const { readiness, builds, suggestedVersion } = await publishPage(access);
  const template = templates[access.store.templateId];
  const base = `/stores/${access.store.slug}`;
  const catalog = t.catalogName[template.id];
  const blocked = readiness.blocking.length > 0;

  return (
    <>
      <PageHeader title={t.publish.title} lead={t.publish.lead} />
      <div className="grid gap-4 xl:grid-cols-2">
        <Card
          title={t.publish.readiness}
          action={<Badge tone={blocked ? "bad" : "good"}>{blocked ? format(t.publish.notReady, { count: readiness.blocking.length }) : t.publish.ready}</Badge>}
        >
          <p className="mb-2 text-xs text-slate-500">{t.publish.readinessLead}</p>
          <ReadinessList
            t={t}
            checks={readiness.checks}
            catalog={catalog}
            category={template.wechatCategory[locale]}
            links={{
              // WeChat Pay is set up by the owner on its own page.
              ...(can(access.roles, "settings") ? { wechat: `${base}/wechat` } : {}),
              ...(can(access.roles, "payments") ? { payments: `${base}/settings/payments` } : {}),
              ...(can(access.roles, "design") ? { design: `${base}/design` } : {}),
              ...(can(access.roles, "catalog") ? { catalog: `${base}/catalog` } : {}),
            }}
          />
        </Card>
        <Card title={t.publish.upload.title}>
          <UploadForm t={t} store={access.store.slug} suggestedVersion={suggestedVersion} blocked={blocked} />
        </Card>
        <Card title={t.publish.preview.title} className="xl:col-span-2">
          <p className="mb-4 text-sm text-slate-600">{t.publish.preview.lead}</p>
          <div className="grid gap-4 md:grid-cols-[1fr_2fr]">
            <section className="space-y-2 md:border-r md:border-slate-100 md:pr-4">
              <h3 className="text-sm font-semibold text-slate-900">{t.publish.preview.browser}</h3>
              <p className="text-xs text-slate-500">{t.publish.preview.browserLead}</p>
              <PhonePreviewButton store={access.store.slug} words={t.preview} reach={t.storeSetup.reach} />
            </section>
            <section className="space-y-2">
              <h3 className="text-sm font-semibold text-slate-900">{t.publish.preview.wechat}</h3>
              <p className="text-xs text-slate-500">{t.publish.preview.wechatLead}</p>
              <WechatPreview
                t={t}
                store={access.store.slug}
                catalog={catalog}
                pages={template.pages.map((page) => ({ id: page.id, label: pages[page.id].label[locale] }))}
              />
            </section>
          </div>
        </Card>
        <Card title={t.publish.builds} className="xl:col-span-2">
          <BuildList t={t} locale={locale} store={access.store.slug} initial={jsonified(builds)} catalog={catalog} />
        </Card>
      </div>
    </>
  );
}
