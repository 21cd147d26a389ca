import { AUDIT_PAGE_SIZE, type AuditEvent, listAuditEvents } from "@kaidian/audit";
import { can, inStore, type StoreRole } from "@kaidian/tenancy";
import Link from "next/link";
import { z } from "zod";
import { Forbidden } from "@/components/shell/forbidden";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { type Dictionary, format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { database } from "@/server/db";
import { requireStore } from "@/server/session";

// The store's audit log for its owner (and its agency's admin): newest first, a page at a time. `before` names the
// last entry of the previous page as `<ISO time>_<id>`.
const beforeSchema = z
  .string()
  .regex(/^[0-9T:.\-Z]{20,30}_[0-9a-f-]{36}$/)
  .transform((value) => {
    const [time, id] = value.split("_") as [string, string];
    return { createdAt: new Date(time), id };
  })
  .refine((cursor) => !Number.isNaN(cursor.createdAt.getTime()));

const isRole = (value: unknown): value is StoreRole => typeof value === "string" && ["OWNER", "STAFF", "AGENCY_ADMIN", "AGENCY_PUBLISHER"].includes(value);

function describe(t: Dictionary, event: AuditEvent): string {
  const role = event.details.role;
  return format(t.audit.actions[event.action] ?? event.action, { ...event.details, ...(isRole(role) && { role: t.store.roles[role] }) });
}

export default async function AuditPage({ params, searchParams }: { params: Promise<{ store: string }>; searchParams: Promise<{ before?: string }> }) {
  const access = await requireStore((await params).store);
  const { t, locale } = await currentDictionary();
  if (!can(access.roles, "settings")) return <Forbidden t={t} role={access.role} />;
  const before = beforeSchema.safeParse((await searchParams).before);
  const events = await inStore(database(), access, (tx) => listAuditEvents(tx, access.store.id, { before: before.success ? before.data : undefined }));
  const base = `/stores/${access.store.slug}/settings/audit`;
  const last = events.at(-1);

  return (
    <>
      <PageHeader title={t.audit.title} lead={t.audit.lead} />
      <Card>
        {events.length === 0 ? (
          <EmptyState>{t.audit.empty}</EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="audit-log">
              <thead className="text-xs text-slate-500">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">{t.audit.time}</th>
                  <th scope="col" className="py-2 pr-4 font-medium">{t.audit.who}</th>
                  <th scope="col" className="py-2 pr-4 font-medium">{t.audit.what}</th>
                  <th scope="col" className="py-2 font-medium">{t.audit.ip}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {events.map((event) => (
                  <tr key={event.id} className="align-top">
                    <td className="whitespace-nowrap py-2 pr-4 text-slate-600">
                      <time dateTime={event.createdAt.toISOString()}>{event.createdAt.toLocaleString(locale, { timeZone: "Asia/Shanghai" })}</time>
                    </td>
                    <td className="py-2 pr-4">
                      <span className="block font-medium">{event.actor.name}</span>
                      <span className="block text-xs text-slate-500">{event.actor.email}</span>
                    </td>
                    <td className="py-2 pr-4 [overflow-wrap:anywhere]">{describe(t, event)}</td>
                    <td className="py-2 font-mono text-xs">{event.ip}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div className="mt-4 flex gap-4 text-sm">
          {before.success && <Link href={base} className="text-brand-700 hover:underline">{t.audit.newest}</Link>}
          {last && events.length === AUDIT_PAGE_SIZE && (
            <Link href={`${base}?before=${last.createdAt.toISOString()}_${last.id}`} className="text-brand-700 hover:underline">{t.audit.older}</Link>
          )}
        </div>
      </Card>
    </>
  );
}
