import { pointsReasonText } from "@kaidian/members";
import { can } from "@kaidian/tenancy";
import Link from "next/link";
import { AdjustPointsForm, MemberRulesForm, ScanMemberForm } from "@/components/members/member-forms";
import { money, orderTime } from "@/components/orders/order-format";
import { Forbidden } from "@/components/shell/forbidden";
import { Card, PageHeader } from "@/components/ui/card";
import { format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { membersPage } from "@/server/loyalty";
import { requireStore } from "@/server/session";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function MembersPage({ params, searchParams }: { params: Promise<{ store: string }>; searchParams: Promise<{ q?: string; member?: string }> }) {
  const access = await requireStore((await params).store);
  const { t, locale } = await currentDictionary();
  if (!can(access.roles, "orders")) return <Forbidden t={t} role={access.role} />;
  const query = await searchParams;
  const search = typeof query.q === "string" ? query.q.slice(0, 20) : "";
  const memberId = typeof query.member === "string" && UUID.test(query.member) ? query.member : null;
  const { rules, members, opened } = await membersPage(access, { search, memberId });
  const words = t.members;
  const slug = access.store.slug;
  const base = `/stores/${slug}/members`;
  const card = opened?.card;
  return (
    <>
      <PageHeader title={words.title} lead={words.lead} />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_26rem]">
        <div className="min-w-0 space-y-6">
          <Card title={words.scanTitle}>
            <ScanMemberForm t={t} store={slug} />
          </Card>
          {memberId && !card && <p role="alert" className="text-sm text-red-600">{words.notFound}</p>}
          {card && opened && (
            <section aria-label={format(words.detailTitle, { number: card.number })}>
              <Card title={format(words.detailTitle, { number: card.number })}>
                <p className="mb-4 text-sm text-slate-700" data-member-summary>
                  {format(words.detailSummary, { phone: card.phone, level: card.level.name, points: card.points, spent: money(card.spentFen) })}
                </p>
                <h3 className="mb-2 text-sm font-medium text-slate-800">{words.adjustTitle}</h3>
                <AdjustPointsForm t={t} store={slug} memberId={card.id} />
                <h3 className="mb-2 mt-6 text-sm font-medium text-slate-800">{words.ledgerTitle}</h3>
                {opened.ledger.length === 0 ? (
                  <p className="text-sm text-slate-500">{words.ledgerEmpty}</p>
                ) : (
                  <div className="overflow-x-auto">
                    <table className="w-full text-left text-sm" aria-label={words.ledgerTitle}>
                      <thead className="text-xs text-slate-500">
                        <tr>
                          <th className="py-2 pr-3 font-medium">{words.ledgerColumns.at}</th>
                          <th className="py-2 pr-3 font-medium">{words.ledgerColumns.reason}</th>
                          <th className="py-2 pr-3 font-medium">{words.ledgerColumns.change}</th>
                          <th className="py-2 pr-3 font-medium">{words.ledgerColumns.balance}</th>
                          <th className="py-2 pr-3 font-medium">{words.ledgerColumns.order}</th>
                          <th className="py-2 font-medium">{words.ledgerColumns.note}</th>
                        </tr>
                      </thead>
                      <tbody className="divide-y divide-slate-100">
                        {opened.ledger.map((entry) => (
                          <tr key={entry.id}>
                            <td className="py-2 pr-3 whitespace-nowrap">{orderTime(entry.at, locale)}</td>
                            <td className="py-2 pr-3">{pointsReasonText(entry.reason, locale)}</td>
                            <td className={`py-2 pr-3 tabular-nums ${entry.change < 0 ? "text-red-600" : "text-emerald-700"}`}>{entry.change > 0 ? `+${entry.change}` : entry.change}</td>
                            <td className="py-2 pr-3 tabular-nums">{entry.balance}</td>
                            <td className="py-2 pr-3">{entry.orderNumber ?? ""}</td>
                            <td className="py-2">{entry.note}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
              </Card>
            </section>
          )}
          <Card title={words.listTitle}>
            <form method="get" action={base} className="mb-4 flex gap-2" role="search">
              {/* Searching keeps the member open beside the list. */}
              {card && <input type="hidden" name="member" value={card.id} />}
              <label htmlFor="member-search" className="sr-only">{words.searchLabel}</label>
              <input id="member-search" name="q" defaultValue={search} placeholder={words.searchPlaceholder} className="w-64 rounded-lg border border-slate-300 px-3 py-2 text-sm" />
              <button type="submit" className="rounded-lg border border-slate-300 px-3 py-2 text-sm text-slate-700 hover:bg-slate-50">{words.search}</button>
            </form>
            {members.length === 0 ? (
              <p className="text-sm text-slate-500">{search ? words.noMatch : words.none}</p>
            ) : (
              <div className="overflow-x-auto">
                <table className="w-full text-left text-sm" aria-label={words.listTitle}>
                  <thead className="text-xs text-slate-500">
                    <tr>
                      <th className="py-2 pr-3 font-medium">{words.columns.number}</th>
                      <th className="py-2 pr-3 font-medium">{words.columns.phone}</th>
                      <th className="py-2 pr-3 font-medium">{words.columns.level}</th>
                      <th className="py-2 pr-3 font-medium">{words.columns.points}</th>
                      <th className="py-2 pr-3 font-medium">{words.columns.spent}</th>
                      <th className="py-2 pr-3 font-medium">{words.columns.joined}</th>
                      <th className="py-2" />
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {members.map((member) => (
                      <tr key={member.id} data-member={member.number}>
                        <td className="py-2 pr-3 font-medium tabular-nums text-slate-900">{member.number}</td>
                        <td className="py-2 pr-3 tabular-nums">{member.phone}</td>
                        <td className="py-2 pr-3">{member.level}</td>
                        <td className="py-2 pr-3 tabular-nums">{member.points}</td>
                        <td className="py-2 pr-3 tabular-nums">{money(member.spentFen)}</td>
                        <td className="py-2 pr-3 whitespace-nowrap">{orderTime(member.joinedAt, locale)}</td>
                        <td className="py-2 text-right">
                          <Link href={`${base}?member=${member.id}${search ? `&q=${encodeURIComponent(search)}` : ""}`} className="text-brand-700 hover:underline">{words.open}</Link>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Card>
        </div>
        {can(access.roles, "catalog") && (
          <Card title={words.rulesTitle}>
            <MemberRulesForm t={t} store={slug} rules={rules} />
          </Card>
        )}
      </div>
    </>
  );
}
