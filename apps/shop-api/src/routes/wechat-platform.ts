// WeChat's pushes to the third-party platform: POST /wechat/component/events, the platform's 授权事件接收URL, and
// POST /wechat/component/apps/:appid/events, its 消息与事件接收URL (set in WeChat as …/apps/$APPID$/events), where
// each authorised Mini Program's audit results arrive. No store in the path and no shopper: each push proves itself by
// its signature and encryption, so the body is kept as it arrived. WeChat wants the word "success" back, or it pushes
// again; anything refused is logged and answered 400. The ticket is kept; an approval (`authorized`,
// `updateauthorized`) records the store's authorisation with the pushed code, as the dashboard's return page does
// with the same code (whichever comes second finds it done); a withdrawn authorisation marks its store revoked; an
// audit's verdict is recorded on the store's release.
import type { Database } from "@kaidian/db";
import { recordAuditResult } from "@kaidian/publishing/platform-releases";
import { WechatApiError } from "@kaidian/wechat/server-api";
import { AuthorizationRefused, type Authorizations, type ComponentTokens, openPushedMessage, RefusedPush, type ComponentSettings, type PushedMessage, type PushQuery } from "@kaidian/wechat/open-platform";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/** WeChat's pushes are well under 4 KB. */
const MAX_BODY_BYTES = 16 * 1024;

export type PlatformParts = { settings: ComponentSettings; tokens: ComponentTokens; authorizations: Authorizations };

type Push = FastifyRequest<{ Querystring: PushQuery; Body: string; Params: { appid?: string } }>;

/** The push opened, or null once it has been answered as refused. */
function opened(parts: PlatformParts, request: Push, reply: FastifyReply): PushedMessage | null {
  try {
    return openPushedMessage(parts.settings, request.query, typeof request.body === "string" ? request.body : "");
  } catch (error) {
    if (!(error instanceof RefusedPush)) throw error;
    request.log.warn({ reason: error.reason }, "WeChat platform push refused");
    void reply.code(400).type("text/plain").send("refused");
    return null;
  }
}

export function registerWechatPlatformRoutes(app: FastifyInstance, db: Database, parts: PlatformParts) {
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "string", bodyLimit: MAX_BODY_BYTES }, (_request, body, done) => done(null, body));

    scope.post("/wechat/component/apps/:appid/events", async (request: Push, reply) => {
      const message = opened(parts, request, reply);
      if (!message) return reply;
      const appid = request.params.appid ?? "";
      if (message.kind === "auditSucceeded" || message.kind === "auditFailed" || message.kind === "auditDelayed") {
        const tenantId = /^wx[0-9a-f]{16}$/.test(appid) ? await recordAuditResult(db, appid, message) : null;
        request.log.info({ tenantId, authorizerAppid: appid, verdict: message.kind }, "Mini Program audit result");
      } else {
        request.log.info({ kind: message.kind }, "WeChat platform push not acted on");
      }
      return reply.type("text/plain").send("success");
    });

    scope.post("/wechat/component/events", async (request: Push, reply) => {
      const message = opened(parts, request, reply);
      if (!message) return reply;
      if (message.kind === "ticket") {
        const kept = await parts.tokens.keepTicket(message.ticket, message.createdAt);
        request.log.info({ kept, createdAt: message.createdAt }, "component_verify_ticket");
      } else if (message.kind === "authorized") {
        // An approval (or a change of permissions in WeChat) is recorded from the push alone: the merchant's browser
        // may never come back to the dashboard. The return page then finds it done.
        const recorded = await parts.authorizations.authorizedByPush(message).catch((error: unknown) => {
          if (error instanceof AuthorizationRefused || error instanceof WechatApiError) {
            request.log.warn({ authorizerAppid: message.authorizerAppid, refused: error instanceof AuthorizationRefused ? error.reason : error.kind }, "Mini Program authorisation not recorded");
            return null;
          }
          throw error;
        });
        if (recorded) request.log.info({ tenantId: recorded.tenantId, authorizerAppid: message.authorizerAppid }, "Mini Program authorised");
        else request.log.warn({ authorizerAppid: message.authorizerAppid }, "Mini Program authorised to no store");
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
