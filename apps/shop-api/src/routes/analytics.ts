// What shoppers look at, reported by the Mini Program in batches: public (a visitor is anonymous until they log
// in), but a token that is sent must be this store's and valid, so a report is never credited to another store's
// shopper. Bounded: at most MAX_BATCH_EVENTS events and REPORT_BYTES per report, and a rate of its own per client
// address and per store (server.ts), so reports never use up a shopper's budget for orders. Thin: parse, call
// @kaidian/analytics.
import { eventBatchSchema, MAX_BATCH_EVENTS } from "@kaidian/analytics";
import { recordEvents } from "@kaidian/analytics/server";
import type { FastifyInstance } from "fastify";
import { sendError } from "../http";
import { sendShopperError, type TenantParams, type TradingParts } from "../trading";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Counted against the analytics reports' own rate limits instead of the writes'. */
    analytics?: boolean;
  }
}

/** Generously above MAX_BATCH_EVENTS events of the longest page path. */
export const REPORT_BYTES = 32 * 1024;

export function analyticsRoutes(app: FastifyInstance, { db, cache }: TradingParts): void {
  app.post<{ Params: TenantParams }>(
    "/api/mp/v1/:tenant/events",
    { config: { public: true, analytics: true }, bodyLimit: REPORT_BYTES },
    async (request, reply) => {
      const check = request.shopperToken;
      if (request.headers.authorization !== undefined && !check?.ok) return sendShopperError(request, reply, 401, check?.code ?? "token.invalid");
      const parsed = eventBatchSchema.safeParse(request.body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const where = issue.path.join(".") || "body";
        const message = where === "events" && issue.code === "too_big" ? `at most ${MAX_BATCH_EVENTS} events per report` : issue.message;
        return sendError(reply, 400, "events.invalid", `${where}: ${message}`);
      }
      const { tenant } = request.params;
      if (!(await cache.isLive(tenant))) return sendShopperError(request, reply, 404, "store.notFound");
      const kept = await recordEvents(db, { tenantId: tenant, shopperId: check?.ok ? check.shopperId : null, batch: parsed.data });
      return reply.code(202).send({ kept });
    },
  );
}
