import { PERSONAL_DATA } from "@kaidian/templates";
import { can } from "@kaidian/tenancy";
import { ComplianceForm } from "@/components/wechat/compliance-form";
import { PrivacyGuide } from "@/components/wechat/privacy-guide";
import { AppSecretForm } from "@/components/wechat/app-secret-form";
import { UploadKeyForm } from "@/components/wechat/key-form";
import { WechatAppForm } from "@/components/wechat/app-form";
import { Forbidden } from "@/components/shell/forbidden";
import { Card, PageHeader } from "@/components/ui/card";
import { format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { wechatPage } from "@/server/publishing";
import { wechatPlatform } from "@/server/wechat-platform";
import { PlatformAuthorization } from "@/components/wechat/platform-authorization";
import { ReleaseCard } from "@/components/wechat/release-card";
import { releaseCard } from "@/server/platform-releases";
import { wechatErrorMessage, type WechatErrorKind } from "@kaidian/wechat/server-api";
import { requireStore } from "@/server/session";

export default async function WechatSettingsPage({ params }: { params: Promise<{ store: string }> }) {
  const access = await requireStore((await params).store);
  const { t, locale } = await currentDictionary();
  if (!can(access.roles, "settings")) return <Forbidden t={t} role={access.role} />;
  const { settings, compliance, privacy, category, templateId } = await wechatPage(access);
  const words = t.wechat;
  const store = access.store.slug;
  // Shown only where this deployment runs as a third-party platform.
  const platform = wechatPlatform();
  const authorization = platform ? await platform.authorizations.status(access.store.id) : null;
  const releases = platform && can(access.roles, "publish") ? await releaseCard(access) : null;
  const wechatWords = (kind: string | null) => (kind ? wechatErrorMessage(kind as WechatErrorKind, locale) : null);

  return (
    <>
      <PageHeader title={words.title} lead={words.lead} />
      <div className="grid gap-4 xl:grid-cols-2">
        <Card title={words.app}>
          <WechatAppForm t={t} store={store} appid={settings?.appid ?? ""} robot={settings?.robot ?? 1} revision={settings?.revision ?? 0} />
          <hr className="my-5 border-slate-100" />
          <h3 className="mb-3 text-sm font-semibold text-slate-900">{words.key}</h3>
          <UploadKeyForm
            t={t}
            locale={locale}
            store={store}
            stored={settings?.key ? { fingerprint: settings.key.fingerprint, updatedAt: settings.key.updatedAt.toISOString() } : null}
          />
          <hr className="my-5 border-slate-100" />
          <h3 className="mb-3 text-sm font-semibold text-slate-900">{t.appSecret.title}</h3>
          <AppSecretForm t={t} locale={locale} store={store} revision={settings?.revision ?? 0} storedAt={settings?.appSecret?.updatedAt.toISOString() ?? null} />
        </Card>
        <Card title={words.howTo}>
          <ol className="list-decimal space-y-2 pl-5 text-sm text-slate-700">
            {words.howToSteps.map((step) => <li key={step}>{step}</li>)}
          </ol>
          {settings?.refusedIp ? (
            <p role="alert" className="mt-4 rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900" data-testid="refused-ip">
              {format(words.refusedIp, { ip: settings.refusedIp })}
            </p>
          ) : (
            <p className="mt-4 text-xs text-slate-500">{words.whitelistUnknown}</p>
          )}
        </Card>
        {platform && (
          <Card title={t.platformAuth.title} className="xl:col-span-2">
            <PlatformAuthorization
              t={t}
              locale={locale}
              store={store}
              state={authorization && { authorizerAppid: authorization.authorizerAppid, authorizedAt: authorization.authorizedAt.toISOString(), revokedAt: authorization.revokedAt?.toISOString() ?? null }}
            />
          </Card>
        )}
        {releases && (
          <Card title={t.releases.title} className="xl:col-span-2">
            <ReleaseCard
              t={t}
              locale={locale}
              store={store}
              authorized={releases.authorized}
              publishedVersion={releases.publishedVersion}
              templates={releases.templates.map(({ templateId, userVersion, userDesc }) => ({ templateId, userVersion, userDesc }))}
              categories={releases.categories}
              problem={wechatWords(releases.problem)}
              releases={releases.releases.map((release) => ({
                id: release.id,
                templateId: release.templateId,
                userVersion: release.userVersion,
                status: release.status,
                reason: release.reason,
                screenshots: release.screenshots,
                errorKind: release.errorKind,
                errorMessage: wechatWords(release.errorKind),
                submittedAt: release.submittedAt?.toISOString() ?? null,
                releasedAt: release.releasedAt?.toISOString() ?? null,
              }))}
            />
          </Card>
        )}
        <Card title={words.compliance} className="xl:col-span-2">
          <p className="mb-4 text-sm text-slate-600">{words.complianceLead}</p>
          <ComplianceForm t={t} store={store} profile={compliance.profile} revision={compliance.revision} category={category[locale]} needsFoodLicense={templateId === "restaurant"} />
        </Card>
        <Card title={words.privacy} className="xl:col-span-2">
          <p className="mb-4 text-sm text-slate-600">{words.privacyLead}</p>
          {privacy ? (
            <PrivacyGuide
              t={t}
              locale={locale}
              store={store}
              uses={privacy.uses}
              signature={privacy.signature}
              confirmedAt={privacy.confirmed?.confirmedAt ?? null}
              changed={privacy.changed}
              dataNames={PERSONAL_DATA}
            />
          ) : (
            <p className="text-sm text-slate-600">{words.noDesign}</p>
          )}
        </Card>
      </div>
    </>
  );
}
