// WeChat Pay's notifications: POST /api/mp/v1/:tenant/payments/notify and /refunds/notify. No shopper token: each
// is proven by its signature, so the body is kept exactly as it arrived (the signature covers those bytes). The
// handling is @kaidian/orders' handleNotification; this file only carries bytes in and the answer out, and logs.
import type { Database } from "@kaidian/db";
import { handleNotification, type PaymentDeps } from "@kaidian/orders/server";
import { isUuid } from "@kaidian/storefront";
import type { FastifyInstance } from "fastify";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Called by WeChat Pay, proven by signature: not subject to the per-client write limits. */
    wechatPayNotification?: boolean;
  }
}

/** WeChat Pay's notifications are a few KB; anything much larger is not one. */
const MAX_BODY_BYTES = 64 * 1024;

export function registerPaymentRoutes(app: FastifyInstance, parts: { db: Database; payments: PaymentDeps }) {
  app.register(async (scope) => {
    // Only in this scope: every other route keeps Fastify's JSON parsing.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "string", bodyLimit: MAX_BODY_BYTES }, (_request, body, done) => done(null, body));

    for (const kind of ["payments", "refunds"] as const) {
      scope.post<{ Params: { tenant: string }; Body: string }>(
        `/api/mp/v1/:tenant/${kind}/notify`,
        // WeChat Pay's own request: no shopper token; its signature is checked instead.
        { config: { wechatPayNotification: true, public: true } },
        async (request, reply) => {
          const { tenant } = request.params;
          if (!isUuid(tenant)) {
            request.log.warn({ tenant, kind }, "WeChat Pay notification for no store");
            return reply.code(404).send({ code: "FAIL", message: "unknown store" });
          }
          const body = typeof request.body === "string" ? request.body : "";
          const { answer, report } = await handleNotification(parts.db, tenant, { headers: request.headers, body }, parts.payments);
          const entry = { tenantId: tenant, kind, ...report };
          if (report.event === "refused" || report.event === "notSetUp") request.log.warn(entry, "WeChat Pay notification refused");
          else if (answer.status === 404) request.log.error(entry, "WeChat Pay notification for an order or refund this store does not have");
          else if (report.event === "payment" && report.outcome === "flagged") request.log.warn(entry, "payment flagged for the merchant");
          else request.log.info(entry, "WeChat Pay notification");
          return answer.body ? reply.code(answer.status).send(answer.body) : reply.code(answer.status).send();
        },
      );
    }
  });
}
