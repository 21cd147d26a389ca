// Queue numbers (取号): the store's groups with how many wait in each (public), and the shopper's own number: take
// one, read it (the Mini Program polls it while the page is open), give it up. Thin: parse, call @kaidian/queue,
// answer in the shopper's words. Calls are staff's, in the dashboard; the shopper hears of one by subscribe message.
import { readTemplates } from "@kaidian/messages/server";
import { groupSizeText, MAX_PARTY_SIZE, queueRefusalMessage, type QueueRefusal } from "@kaidian/queue";
import { cancelTicket, liveTicket, readQueueSettings, readTicket, takeNumber, ticketView, waitingByGroup } from "@kaidian/queue/server";
import { isUuid } from "@kaidian/storefront";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { sendError, sendPrivate } from "../http";
import { localeOf, sendShopperError, shopperOf, type TenantParams, type TradingParts } from "../trading";

type TicketParams = TenantParams & { ticket: string };

const takeSchema = z.object({ partySize: z.int().min(1).max(MAX_PARTY_SIZE) });

const REFUSAL_STATUS: Record<QueueRefusal, number> = {
  "queue.closed": 409,
  "queue.partySize": 400,
  "queue.ticketNotFound": 404,
  "queue.ticketClosed": 409,
  "queue.nobodyWaiting": 409,
};

function refuse(request: FastifyRequest, reply: FastifyReply, refusal: QueueRefusal): FastifyReply {
  return sendError(reply, REFUSAL_STATUS[refusal], refusal, queueRefusalMessage(refusal, localeOf(request)));
}

export function queueRoutes(app: FastifyInstance, { db, cache }: TradingParts): void {
  /** The groups to pick from and how many wait in each; the template to ask the shopper to accept before taking. */
  app.get<{ Params: TenantParams }>("/api/mp/v1/:tenant/queue", { config: { public: true } }, async (request, reply) => {
    const { tenant } = request.params;
    if (!(await cache.isLive(tenant))) return sendShopperError(request, reply, 404, "store.notFound");
    const locale = localeOf(request);
    const body = await db.scoped({ tenantId: tenant }, async (tx) => {
      const [settings, waiting, templates] = await Promise.all([readQueueSettings(tx), waitingByGroup(tx), readTemplates(tx)]);
      return {
        enabled: settings.enabled,
        groups: settings.groups.map((group) => ({ ...group, sizes: groupSizeText(group, locale), waiting: waiting[group.prefix] ?? 0 })),
        calledTemplateId: templates.queueCalled?.templateId ?? null,
      };
    });
    return sendPrivate(reply, 200, body);
  });

  app.post<{ Params: TenantParams }>("/api/mp/v1/:tenant/queue/tickets", async (request, reply) => {
    const { tenantId, shopperId } = shopperOf(request);
    const input = takeSchema.safeParse(request.body);
    if (!input.success) return refuse(request, reply, "queue.partySize");
    if (!(await cache.isLive(tenantId))) return sendShopperError(request, reply, 404, "store.notFound");
    const answer = await db.scoped({ tenantId }, async (tx) => {
      const taken = await takeNumber(tx, { tenantId, shopperId, partySize: input.data.partySize });
      if (!taken.ok) return taken;
      return { ...taken, view: await ticketView(tx, taken.ticket, await readQueueSettings(tx), localeOf(request)) };
    });
    if (!answer.ok) return refuse(request, reply, answer.refusal);
    return sendPrivate(reply, answer.created ? 201 : 200, answer.view);
  });

  /** The number the shopper holds today, or null: what the queue section shows on opening. */
  app.get<{ Params: TenantParams }>("/api/mp/v1/:tenant/queue/tickets/current", async (request, reply) => {
    const { tenantId, shopperId } = shopperOf(request);
    const view = await db.scoped({ tenantId }, async (tx) => {
      const ticket = await liveTicket(tx, shopperId);
      return ticket ? ticketView(tx, ticket, await readQueueSettings(tx), localeOf(request)) : null;
    });
    return sendPrivate(reply, 200, { ticket: view });
  });

  app.get<{ Params: TicketParams }>("/api/mp/v1/:tenant/queue/tickets/:ticket", async (request, reply) => {
    const { tenantId, shopperId } = shopperOf(request);
    const { ticket: ticketId } = request.params;
    const view = isUuid(ticketId)
      ? await db.scoped({ tenantId }, async (tx) => {
          const ticket = await readTicket(tx, ticketId);
          return ticket && ticket.shopperId === shopperId ? ticketView(tx, ticket, await readQueueSettings(tx), localeOf(request)) : null;
        })
      : null;
    if (!view) return refuse(request, reply, "queue.ticketNotFound");
    return sendPrivate(reply, 200, view);
  });

  app.post<{ Params: TicketParams }>("/api/mp/v1/:tenant/queue/tickets/:ticket/cancel", async (request, reply) => {
    const { tenantId, shopperId } = shopperOf(request);
    const { ticket: ticketId } = request.params;
    if (!isUuid(ticketId)) return refuse(request, reply, "queue.ticketNotFound");
    const answer = await db.scoped({ tenantId }, async (tx) => {
      const cancelled = await cancelTicket(tx, shopperId, ticketId);
      if (!cancelled.ok) return cancelled;
      return { ok: true as const, view: await ticketView(tx, cancelled.ticket, await readQueueSettings(tx), localeOf(request)) };
    });
    if (!answer.ok) return refuse(request, reply, answer.refusal);
    return sendPrivate(reply, 200, answer.view);
  });
}
