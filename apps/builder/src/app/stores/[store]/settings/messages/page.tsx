import { PURPOSES_BY_TEMPLATE } from "@kaidian/messages";
import { readTemplates } from "@kaidian/messages/server";
import { can, inStore } from "@kaidian/tenancy";
import Link from "next/link";
import { MessageTemplateForm } from "@/components/messages/message-template-form";
import { Forbidden } from "@/components/shell/forbidden";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { currentDictionary } from "@/i18n/server";
import { database } from "@/server/db";
import { requireStore } from "@/server/session";

/** 消息通知: the subscribe messages this store's template sends, each with the WeChat template the owner picked. */
export default async function MessageSettingsPage({ params }: { params: Promise<{ store: string }> }) {
  const access = await requireStore((await params).store);
  const { t } = await currentDictionary();
  if (!can(access.roles, "settings")) return <Forbidden t={t} role={access.role} />;
  const templates = await inStore(database(), access, readTemplates);
  const words = t.notifications;
  const store = access.store.slug;

  return (
    <>
      <Link href={`/stores/${store}/settings`} className="mb-3 inline-block text-sm text-brand-700 underline-offset-2 hover:underline">← {t.settings.title}</Link>
      <PageHeader title={words.title} lead={words.lead} />
      <div className="max-w-4xl space-y-4">
        <div className="space-y-2 rounded-xl border border-slate-200 bg-slate-50 p-4 text-sm text-slate-700">
          <p>{words.howTo}</p>
          <p className="text-slate-500" data-testid="no-test-send">{words.noTest}</p>
        </div>
        {PURPOSES_BY_TEMPLATE[access.store.templateId].map((purpose) => (
          <Card
            key={purpose}
            title={words.purposes[purpose]}
            action={<Badge tone={templates[purpose] ? "good" : "neutral"}>{templates[purpose] ? words.setUp : words.notSetUp}</Badge>}
          >
            <p className="mb-3 text-xs text-slate-500">{words.when[purpose]}</p>
            <MessageTemplateForm t={t} store={store} purpose={purpose} template={templates[purpose]} />
          </Card>
        ))}
      </div>
    </>
  );
}
