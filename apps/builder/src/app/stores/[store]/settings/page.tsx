import { can, listInvitations, listMembers } from "@kaidian/tenancy";
import { templates } from "@kaidian/templates";
import Link from "next/link";
import { InviteForm } from "@/components/forms/invite-form";
import { RevokeInvitationButton } from "@/components/forms/revoke-invitation-button";
import { Forbidden } from "@/components/shell/forbidden";
import { Badge } from "@/components/ui/badge";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { database } from "@/server/db";
import { requireStore } from "@/server/session";

export default async function SettingsPage({ params }: { params: Promise<{ store: string }> }) {
  const access = await requireStore((await params).store);
  const { t, locale } = await currentDictionary();
  if (!can(access.roles, "settings")) return <Forbidden t={t} role={access.role} />;
  const [members, invitations] = await Promise.all([listMembers(database(), access), listInvitations(database(), access)]);
  const date = (value: Date) => value.toLocaleDateString(locale);

  return (
    <>
      <PageHeader
        title={t.settings.title}
        action={
          <span className="flex gap-4">
            <Link href={`/stores/${access.store.slug}/settings/messages`} className="text-sm text-brand-700 underline-offset-2 hover:underline">{t.notifications.link}</Link>
            <Link href={`/stores/${access.store.slug}/settings/audit`} className="text-sm text-brand-700 underline-offset-2 hover:underline">{t.audit.link}</Link>
          </span>
        }
      />
      <div className="grid gap-4 xl:grid-cols-2">
        <Card title={t.settings.storeInfo}>
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
            <dt className="text-slate-500">{t.store.name}</dt>
            <dd>
              {access.store.name}
              {can(access.roles, "design") && (
                <Link href={`/stores/${access.store.slug}/design`} className="ml-3 text-brand-700 underline-offset-2 hover:underline">
                  {t.storeSetup.settings.rename}
                </Link>
              )}
              <span className="mt-0.5 block text-xs text-slate-500">{t.storeSetup.settings.renameHint}</span>
            </dd>
            <dt className="text-slate-500">{t.settings.slug}</dt><dd className="font-mono">{access.store.slug}</dd>
            <dt className="text-slate-500">{t.overview.template}</dt>
            <dd>
              {templates[access.store.templateId].name[locale]}
              {can(access.roles, "settings") && (
                <Link href={`/stores/${access.store.slug}/template`} className="ml-3 text-brand-700 underline-offset-2 hover:underline">
                  {t.templateSwitch.change}
                </Link>
              )}
            </dd>
            <dt className="text-slate-500">{t.overview.status}</dt><dd>{t.store.status[access.store.status]}</dd>
          </dl>
        </Card>
        <Card title={t.settings.members}>
          <ul className="divide-y divide-slate-100" data-testid="members">
            {members.map((member) => (
              <li key={member.user.id} className="flex items-center justify-between gap-3 py-2 text-sm">
                <span className="min-w-0">
                  <span className="block font-medium">{member.user.name}</span>
                  <span className="block truncate text-xs text-slate-500">{member.user.email} · {format(t.settings.joined, { date: date(member.createdAt) })}</span>
                </span>
                <Badge>{t.store.roles[member.role]}</Badge>
              </li>
            ))}
          </ul>
        </Card>
        {can(access.roles, "members") && (
          <Card title={t.settings.invite} className="xl:col-span-2">
            <p className="mb-4 text-sm text-slate-600">{t.settings.inviteLead}</p>
            <InviteForm t={t} store={access.store.slug} />
            <h3 className="mb-2 mt-6 text-sm font-semibold">{t.settings.pending}</h3>
            {invitations.length === 0 ? (
              <EmptyState>{t.settings.noPending}</EmptyState>
            ) : (
              <ul className="divide-y divide-slate-100">
                {invitations.map((invitation) => (
                  <li key={invitation.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                    <span>{invitation.email} · {t.store.roles[invitation.role]} · <span className="text-slate-500">{format(t.settings.expires, { date: date(invitation.expiresAt) })}</span></span>
                    <RevokeInvitationButton store={access.store.slug} invitationId={invitation.id} label={t.settings.revoke} pendingLabel={t.common.loading} />
                  </li>
                ))}
              </ul>
            )}
          </Card>
        )}
      </div>
    </>
  );
}
