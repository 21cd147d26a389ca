import { openDraft } from "@kaidian/design";
import { can, inStore } from "@kaidian/tenancy";
import { formFields } from "@kaidian/templates";
import { Badge } from "@/components/ui/badge";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { changeText } from "@/components/design/change-text";
import { DraftPartForm } from "@/components/design/draft-part-form";
import { draftPartSchemas } from "@/components/design/draft-parts";
import { DraftSession } from "@/components/design/draft-session";
import { PublishDraftButton, RestoreVersionButton } from "@/components/design/version-actions";
import { format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { database } from "@/server/db";
import { versionHistory } from "@/server/store-records";
import { requireStore } from "@/server/session";

export default async function DesignPage({ params }: { params: Promise<{ store: string }> }) {
  const access = await requireStore((await params).store);
  const { t, locale } = await currentDictionary();
  // Opening the designer opens the store's draft (a copy of the latest version once everything is published).
  const draft = can(access.roles, "design")
    ? await inStore(database(), access, (tx) => openDraft(tx, access.store.id, access.userId))
    : null;
  const versions = await versionHistory(access);
  const when = (date: Date) => date.toLocaleString(locale);
  const live = versions.find((version) => version.status === "PUBLISHED")?.number;
  // The widgets these forms render; the logo (an image upload) comes with media storage.
  const formWidgets = new Set(["text", "textarea", "color", "select"]);
  const forms = draft
    ? ([
        { part: "store", title: t.design.storeInfo, lead: t.design.storeInfoLead },
        { part: "theme", title: t.design.theme, lead: t.design.themeLead },
      ] as const).map((form) => {
        const fields = formFields(draftPartSchemas[form.part]).filter((field) => formWidgets.has(field.widget));
        const saved: Record<string, unknown> = draft.config[form.part];
        return { ...form, fields, values: Object.fromEntries(fields.map((field) => [field.name, String(saved[field.name] ?? "")])) };
      })
    : [];
  const content = (
    <>
      {forms.length > 0 && (
        <div className="mb-4 grid gap-4 lg:grid-cols-2">
          {forms.map((form) => (
            <Card key={form.part} title={form.title}>
              <p className="mb-4 text-sm text-slate-500">{form.lead}</p>
              <DraftPartForm part={form.part} title={form.title} values={form.values} fields={form.fields} locale={locale} words={t.design} />
            </Card>
          ))}
        </div>
      )}
      <Card
        title={t.design.versions}
        action={
          draft && can(access.roles, "publish") ? (
            <PublishDraftButton words={t.design} />
          ) : null
        }
      >
        {versions.length === 0 ? (
          <EmptyState>{t.design.noVersions}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="version-history">
            {versions.map((version) => (
              <li key={version.number} className="py-3 text-sm">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="font-medium">{format(t.design.version, { number: version.number })}</span>
                  <span className="flex flex-wrap items-center gap-2">
                    {version.number === live && <Badge tone="good">{t.design.live}</Badge>}
                    <Badge tone={version.status === "PUBLISHED" ? "good" : "neutral"}>
                      {version.status === "PUBLISHED" ? t.design.published : t.design.draft}
                    </Badge>
                    {draft && version.status === "PUBLISHED" && (
                      <RestoreVersionButton store={access.store.slug} number={version.number} words={t.design} />
                    )}
                  </span>
                </div>
                <p className="mt-1 text-slate-500">
                  {version.publishedAt
                    ? format(t.design.publishedBy, { name: version.publishedBy?.name ?? t.design.someone, time: when(version.publishedAt) })
                    : format(t.design.savedBy, { name: version.updatedBy?.name ?? t.design.someone, time: when(version.updatedAt) })}
                  {version.restoredFrom !== null && ` · ${format(t.design.restoredFrom, { number: version.restoredFrom })}`}
                </p>
                <ul className="mt-1 list-inside list-disc text-slate-700">
                  {version.changes === null ? (
                    <li>{t.design.firstVersion}</li>
                  ) : version.changes.length === 0 ? (
                    <li>{t.design.noChanges}</li>
                  ) : (
                    version.changes.map((change, index) => <li key={index}>{changeText(change, t, locale)}</li>)
                  )}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
  return (
    <>
      <PageHeader title={t.design.title} lead={t.design.lead} />
      {draft ? (
        <DraftSession key={draft.number} store={access.store.slug} number={draft.number} revision={draft.revision}>
          {content}
        </DraftSession>
      ) : (
        content
      )}
    </>
  );
}
