// WeChat's pushes to the third-party platform: POST /wechat/component/events, the platform's 授权事件接收URL. No
// store in the path and no shopper: each push proves itself by its signature and encryption, so the body is kept as
// it arrived. WeChat wants the word "success" back, or it pushes again; anything refused is logged and answered 400.
// The ticket is kept; a withdrawn authorisation marks its store revoked. An approval is completed by the dashboard,
// where WeChat sends the merchant's browser back with the same code.
import { type Authorizations, type ComponentTokens, openPushedMessage, RefusedPush, type ComponentSettings } from "@kaidian/wechat/open-platform";
import type { FastifyInstance } from "fastify";

/** WeChat's pushes are well under 4 KB. */
const MAX_BODY_BYTES = 16 * 1024;

export type PlatformParts = { settings: ComponentSettings; tokens: ComponentTokens; authorizations: Authorizations };

export function registerWechatPlatformRoutes(app: FastifyInstance, parts: PlatformParts) {
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "string", bodyLimit: MAX_BODY_BYTES }, (_request, body, done) => done(null, body));

    scope.post<{ Querystring: Record<string, string | undefined>; Body: string }>("/wechat/component/events", async (request, reply) => {
      let message;
      try {
        message = openPushedMessage(parts.settings, request.query, typeof request.body === "string" ? request.body : "");
      } catch (error) {
        if (!(error instanceof RefusedPush)) throw error;
        request.log.warn({ reason: error.reason }, "WeChat platform push refused");
        return reply.code(400).type("text/plain").send("refused");
      }
      if (message.kind === "ticket") {
        const kept = await parts.tokens.keepTicket(message.ticket, message.createdAt);
        request.log.info({ kept, createdAt: message.createdAt }, "component_verify_ticket");
      } else if (message.kind === "unauthorized") {
        const tenantId = await parts.authorizations.revoked(message.authorizerAppid, message.createdAt);
        request.log.warn({ tenantId, authorizerAppid: message.authorizerAppid }, "Mini Program authorisation withdrawn");
      } else {
        request.log.info({ kind: message.kind }, "WeChat platform push not acted on");
      }
      return reply.type("text/plain").send("success");
    });
  });
}
