import { ticketCode } from "@kaidian/queue";
import type { TicketRecord } from "@kaidian/queue/server";
import { can } from "@kaidian/tenancy";
import Link from "next/link";
import { orderTime } from "@/components/orders/order-format";
import { CallNextButton, TicketButton } from "@/components/queue/queue-actions";
import { QueueLive } from "@/components/queue/queue-live";
import { Forbidden } from "@/components/shell/forbidden";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { queueBoardPage } from "@/server/queue";
import { sendOutcomeText } from "@/server/message-outcome";
import { requireStore } from "@/server/session";

export default async function QueuePage({ params }: { params: Promise<{ store: string }> }) {
  const access = await requireStore((await params).store);
  const { t, locale } = await currentDictionary();
  if (!can(access.roles, "orders")) return <Forbidden t={t} role={access.role} />;
  const { board, sends } = await queueBoardPage(access);
  const words = t.queue;
  const store = access.store.slug;
  const messageText = (ticket: TicketRecord) => {
    const send = sends.get(ticket.id);
    return send ? { tone: send.outcome === "sent" ? ("good" as const) : ("warn" as const), text: sendOutcomeText(send, t, locale) } : null;
  };
  const time = (at: Date) => orderTime(at, locale).split(" ").at(-1);

  return (
    <>
      <PageHeader
        title={words.title}
        lead={words.lead}
        action={can(access.roles, "settings") && <Link href={`/stores/${store}/queue/settings`} className={buttonClass("secondary")}>{words.settingsLink}</Link>}
      />
      <QueueLive store={store} words={words.live} />
      {!board.settings.enabled && <p className="mb-4 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-800">{words.off}</p>}
      <div className="grid gap-4 lg:grid-cols-3" data-testid="queue-board">
        {board.groups.map((group) => (
          <Card key={group.prefix} title={`${group.prefix} · ${group.label}`} action={<span className="text-sm text-slate-500">{format(words.waitingCount, { count: group.waiting.length })}</span>}>
            <div className="space-y-3" data-group={group.prefix}>
              {group.waiting.length > 0 ? <CallNextButton store={store} prefix={group.prefix} label={words.callNext} /> : <p className="text-sm text-slate-500">{words.nobody}</p>}
              {group.called.map((ticket) => {
                const message = messageText(ticket);
                return (
                  <div key={ticket.id} data-ticket={ticketCode(ticket.prefix, ticket.number)} data-status="called" className="rounded-lg border border-brand-200 bg-brand-50 p-3">
                    <div className="flex items-baseline justify-between gap-2">
                      <span className="font-mono text-2xl font-semibold text-brand-800">{ticketCode(ticket.prefix, ticket.number)}</span>
                      <span className="text-xs text-slate-600">{format(words.party, { size: ticket.partySize })} · {format(words.calls, { count: ticket.calls })}</span>
                    </div>
                    {message && <div className="mt-1"><Badge tone={message.tone}>{message.text}</Badge></div>}
                    <div className="mt-2 flex flex-wrap gap-2">
                      <TicketButton store={store} ticketId={ticket.id} action="seat" label={words.seat} variant="primary" />
                      <TicketButton store={store} ticketId={ticket.id} action="call" label={words.recall} />
                      <TicketButton store={store} ticketId={ticket.id} action="skip" label={words.skip} variant="danger" />
                    </div>
                  </div>
                );
              })}
              {group.waiting.length > 0 && (
                <ol className="divide-y divide-slate-100 text-sm">
                  {group.waiting.map((ticket) => (
                    <li key={ticket.id} data-ticket={ticketCode(ticket.prefix, ticket.number)} data-status="waiting" className="flex items-center justify-between gap-2 py-2">
                      <span>
                        <span className="font-mono font-semibold text-slate-900">{ticketCode(ticket.prefix, ticket.number)}</span>
                        <span className="ml-2 text-xs text-slate-500">{format(words.party, { size: ticket.partySize })} · {format(words.takenAt, { time: time(ticket.createdAt) ?? "" })}</span>
                      </span>
                      <span className="flex gap-1">
                        <TicketButton store={store} ticketId={ticket.id} action="call" label={words.call} />
                        <TicketButton store={store} ticketId={ticket.id} action="seat" label={words.seat} />
                      </span>
                    </li>
                  ))}
                </ol>
              )}
            </div>
          </Card>
        ))}
      </div>
      <Card title={words.recent} className="mt-4">
        {board.closed.length === 0 ? (
          <p className="text-sm text-slate-500">{words.noRecent}</p>
        ) : (
          <ul className="flex flex-wrap gap-2 text-sm" data-testid="queue-closed">
            {board.closed.map((ticket) => (
              <li key={ticket.id} data-ticket={ticketCode(ticket.prefix, ticket.number)} className="rounded-full bg-slate-100 px-3 py-1 text-slate-700">
                <span className="font-mono font-medium">{ticketCode(ticket.prefix, ticket.number)}</span> {words.statuses[ticket.status]}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
