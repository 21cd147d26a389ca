// Telling a shopper their number is called: a subscribe message through the store's Mini Program (the template the
// merchant picked for "queueCalled"), sent after the call has committed and recorded whatever WeChat answers.
import type { Database } from "@kaidian/db";
import { sendStoreMessage, type SendOutcome } from "@kaidian/messages/server";
import type { MiniProgramServerApi } from "@kaidian/wechat/server-api";
import { ticketCode } from "../index";
import type { TicketRecord } from "./tickets";

/** The page the message opens: the home page, whose queue section shows the shopper's number. */
export const QUEUE_PAGE = "pages/home/index";

export async function notifyCalled(
  db: Database,
  wechat: Pick<MiniProgramServerApi, "sendSubscribeMessage">,
  masterKey: Buffer,
  tenantId: string,
  ticket: TicketRecord,
): Promise<SendOutcome> {
  const store = await db.scoped({ tenantId }, (tx) => tx.tenant.findFirst({ where: { id: tenantId }, select: { name: true } }));
  // A number may be called again, so its message is never claimed once: there is always an outcome.
  const sent = await sendStoreMessage(db, wechat, masterKey, {
    tenantId,
    purpose: "queueCalled",
    subjectId: ticket.id,
    shopperId: ticket.shopperId,
    values: { number: ticketCode(ticket.prefix, ticket.number), store: store?.name ?? "", note: "已叫到您的号，请到前台就座" },
    page: `${QUEUE_PAGE}?queue=${ticket.id}`,
  });
  return sent!.outcome;
}
