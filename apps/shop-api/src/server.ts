// The shoppers' API as a Fastify app: thin routes over the storefront's cache (packages/storefront/src/cache) and,
// under routes/, trading over @kaidian/orders/server; rate limits, request ids and structured logs. Everything it
// knows of stores and shoppers is in the cache, in PostgreSQL or in the signed token, so any number of processes
// can run side by side.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { Database } from "@kaidian/db";
import { etagOfBytes, isUuid, loadPublishedNights, MAX_QUERY_NIGHTS, nightsQuerySchema, nightsResponseSchema, parsePageQuery } from "@kaidian/storefront";
import type { Answer, ShopCache } from "@kaidian/storefront/cache";
import { clientOf } from "@kaidian/client-address";
import { bearerToken } from "@kaidian/orders/server";
import { RateLimiter, type TurnPacer } from "@kaidian/traffic";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, LogController } from "fastify";
import pino from "pino";
import { NOT_FOUND_MESSAGES, OPEN, sendError, sendReady } from "./http";
import { analyticsRoutes } from "./routes/analytics";
import { cartRoutes } from "./routes/cart";
import { bookingRoutes } from "./routes/bookings";
import { couponRoutes } from "./routes/coupons";
import { memberRoutes } from "./routes/members";
import { orderRoutes } from "./routes/orders";
import { queueRoutes } from "./routes/queue";
import { shopperRoutes } from "./routes/shopper";
import { registerPaymentRoutes } from "./routes/payments";
import { type PlatformParts, registerWechatPlatformRoutes } from "./routes/wechat-platform";
import { tableRoutes } from "./routes/tables";
import type { ShopApiSettings } from "./settings";
import { requireShopper, STORE_ROUTES, type TradingParts } from "./trading";

export type ShopApiParts = {
  db: Database;
  cache: ShopCache;
  settings: Pick<ShopApiSettings, "trustedProxies" | "limits" | "logLevel">;
  /** Shoppers' tokens, WeChat's server APIs and the master key, for the trading routes. */
  trading: Omit<TradingParts, "db" | "cache">;
  /** The third-party platform, when this deployment runs as one (WECHAT_COMPONENT_*). */
  platform?: PlatformParts | null;
  /** Whether the process should get traffic: changes reach it, and it is not shutting down. */
  ready: () => boolean;
  /** Where logs go (stdout unless given). */
  logStream?: NodeJS.WritableStream;
  /** When the HTTP server's requests begin (see TurnPacer). */
  pacer: TurnPacer;
};

type TenantParams = { tenant: string };
type ItemParams = TenantParams & { item: string };
type Query = Record<string, string | string[] | undefined>;

const REQUEST_ID = /^[\w.:-]{1,64}$/;
const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

declare module "fastify" {
  interface FastifyRequest {
    client: string;
  }
}

/** A route as registered: what the isolation test walks, so a route added later is covered without a list to keep. */
export type RouteEntry = { method: string; url: string; public: boolean };
const routeTables = new WeakMap<FastifyInstance, RouteEntry[]>();

/** Every route of the app, in the order registered. */
export function routeTable(app: FastifyInstance): readonly RouteEntry[] {
  return routeTables.get(app) ?? [];
}

/** When each request arrived, before it waited for its turn to begin: its logged time counts from there. */
const arrivals = new WeakMap<IncomingMessage, number>();

/** How long a log line may wait in memory for others to share its write. */
const LOG_FLUSH_MS = 250;

/**
 * Log lines to stdout, written asynchronously in writes of about 4 KB, at least every LOG_FLUSH_MS and when the
 * process exits (pino flushes what is left): a write per request would cost a system call and a turn of the
 * thread pool each, on the path of every answer.
 */
function stdoutLines() {
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  setInterval(() => destination.flush(), LOG_FLUSH_MS).unref();
  return destination;
}

/** How long the request has been in this process: since it arrived (requests made by inject never waited). */
function millisecondsIn(request: FastifyRequest, reply: FastifyReply): number {
  const arrived = arrivals.get(request.raw);
  return arrived === undefined ? reply.elapsedTime : performance.now() - arrived;
}

export function buildShopApi(parts: ShopApiParts): FastifyInstance {
  const { db, cache, settings } = parts;
  const app = Fastify({
    // Fastify's own HTTP server, with its timeouts, whose requests begin as the pacer lets them.
    serverFactory: (handle, options) => {
      const { keepAliveTimeout, requestTimeout, connectionTimeout } = options as Record<"keepAliveTimeout" | "requestTimeout" | "connectionTimeout", number>;
      const server = createServer((request, response) => {
        arrivals.set(request, performance.now());
        parts.pacer.pace(() => handle(request, response));
      });
      server.keepAliveTimeout = keepAliveTimeout;
      server.requestTimeout = requestTimeout;
      server.setTimeout(connectionTimeout);
      return server;
    },
    logger: { level: settings.logLevel, stream: parts.logStream ?? stdoutLines() },
    // One line per request, written when it is answered (below), instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    // A request id from the load balancer is kept when it looks like one, so one id follows a request across hops.
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers["x-request-id"];
      return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
    },
    return503OnClosing: true,
  });
  const limiters = {
    clientReads: new RateLimiter(settings.limits.clientReads),
    storeReads: new RateLimiter(settings.limits.storeReads),
    shopperWrites: new RateLimiter(settings.limits.shopperWrites),
    clientWrites: new RateLimiter(settings.limits.clientWrites),
    storeWrites: new RateLimiter(settings.limits.storeWrites),
    clientReports: new RateLimiter(settings.limits.clientReports),
    storeReports: new RateLimiter(settings.limits.storeReports),
  };
  const { tokens } = parts.trading;

  // Every store route needs a shopper's token for that store unless it says it is public: a new route is guarded
  // by default, and the isolation test reads this table.
  const routes: RouteEntry[] = [];
  routeTables.set(app, routes);
  app.addHook("onRoute", (route) => {
    const isPublic = !route.url.startsWith(STORE_ROUTES) || route.config?.public === true;
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, public: isPublic });
    if (!isPublic) route.onRequest = [...[route.onRequest ?? []].flat(), requireShopper];
  });

  app.decorateRequest("client", "");
  app.decorateRequest("shopperToken", null);
  // The limiter a request is metered by, per client (or shopper) and per store.
  const meters = (request: FastifyRequest, tenant: string | undefined): [RateLimiter, string][] => {
    const store = tenant !== undefined && isUuid(tenant) ? tenant : null;
    if (request.routeOptions.config.analytics === true) {
      return store ? [[limiters.clientReports, request.client], [limiters.storeReports, store]] : [[limiters.clientReports, request.client]];
    }
    const read = READ_METHODS.has(request.method);
    const token = request.shopperToken;
    const client: [RateLimiter, string] = read
      ? [limiters.clientReads, request.client]
      : token?.ok
        ? [limiters.shopperWrites, `${token.tenantId}:${token.shopperId}`]
        : [limiters.clientWrites, request.client];
    return store ? [client, [read ? limiters.storeReads : limiters.storeWrites, store]] : [client];
  };
  // Hooks in callback form: on every request, an async hook's promise and its extra turn of the event loop cost
  // more than the hook's own work.
  app.addHook("onRequest", (request, reply, done) => {
    reply.header("X-Request-Id", request.id);
    request.client = clientOf(
      { peer: request.socket.remoteAddress, encrypted: false, forwardedFor: request.headers["x-forwarded-for"] },
      settings.trustedProxies,
    ).address;
    if (!request.url.startsWith("/api/") || request.routeOptions.config.wechatPayNotification) return done();
    const tenant = (request.params as Partial<TenantParams>).tenant;
    if (tenant !== undefined) request.shopperToken = tokens.verify(bearerToken(request.headers.authorization), tenant);
    for (const [limiter, key] of meters(request, tenant)) {
      const verdict = limiter.take(key);
      if (!verdict.ok) {
        // Answered here: the route never runs, and `done` is not called.
        reply.header("Retry-After", String(verdict.retryAfterSeconds));
        sendError(reply, 429, "rate.limited", `Too many requests. Try again in ${verdict.retryAfterSeconds} s.`);
        return;
      }
    }
    done();
  });
  app.addHook("onResponse", (request, reply, done) => {
    request.log.info(
      { method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(millisecondsIn(request, reply) * 10) / 10, client: request.client },
      "request",
    );
    done();
  });

  app.setErrorHandler((error, request, reply) => {
    // Fastify's own refusals of a request (malformed JSON, a body too large) are the client's to fix.
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== undefined && status >= 400 && status < 500) return sendError(reply, status, "request.invalid", (error as Error).message);
    request.log.error({ err: error }, "request failed");
    return sendError(reply, 500, "internal", "The store could not be read. Try again later.");
  });
  app.setNotFoundHandler((_request, reply) => sendError(reply, 404, "route.notFound", NOT_FOUND_MESSAGES["route.notFound"]!));

  const answer = (request: FastifyRequest, reply: FastifyReply, result: Answer) => {
    if (result.kind === "ready") return sendReady(request, reply, result.ready);
    if (result.kind === "notFound") return sendError(reply, 404, result.code, NOT_FOUND_MESSAGES[result.code]!);
    return sendError(reply, 500, "internal", "The store could not be read. Try again later.");
  };
  const badQuery = (reply: FastifyReply, parameter: string, message: string) =>
    sendError(reply, 400, "query.invalid", `${parameter}: ${message}`);
  const tenantOf = (request: FastifyRequest<{ Params: TenantParams }>) => (isUuid(request.params.tenant) ? request.params.tenant : null);
  const unknownStore = (reply: FastifyReply) => sendError(reply, 404, "tenant.notFound", NOT_FOUND_MESSAGES["tenant.notFound"]!);

  // The store's published content, the same for every shopper.
  const READ_API = { config: { public: true } };

  app.get("/healthz", async (_request, reply) => reply.send({ ok: true }));
  app.get("/readyz", async (_request, reply) => (parts.ready() ? reply.send({ ready: true }) : reply.code(503).send({ ready: false })));

  // Browsers (web previews) ask before sending If-None-Match across origins.
  app.options("/api/mp/v1/*", async (_request, reply) =>
    reply
      .code(204)
      .headers({ ...OPEN, "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS", "Access-Control-Allow-Headers": "If-None-Match, Content-Type", "Access-Control-Max-Age": "86400" })
      .send(),
  );

  app.get<{ Params: TenantParams }>("/api/mp/v1/:tenant/site", READ_API, async (request, reply) => {
    const tenant = tenantOf(request);
    return tenant ? answer(request, reply, await cache.site(tenant)) : unknownStore(reply);
  });

  app.get<{ Params: TenantParams }>("/api/mp/v1/:tenant/store", READ_API, async (request, reply) => {
    const tenant = tenantOf(request);
    return tenant ? answer(request, reply, await cache.storeInfo(tenant)) : unknownStore(reply);
  });

  app.get<{ Params: TenantParams }>("/api/mp/v1/:tenant/categories", READ_API, async (request, reply) => {
    const tenant = tenantOf(request);
    return tenant ? answer(request, reply, await cache.categories(tenant)) : unknownStore(reply);
  });

  /** Categories and one page of items; with no parameters at all (packages uploaded before paging), the bounded whole list. */
  app.get<{ Params: TenantParams; Querystring: Query }>("/api/mp/v1/:tenant/catalog", READ_API, async (request, reply) => {
    const parsed = parsePageQuery(request.query);
    if (!parsed.ok) return badQuery(reply, parsed.problem.parameter, parsed.problem.message);
    const tenant = tenantOf(request);
    const legacy = Object.keys(request.query).length === 0;
    return tenant ? answer(request, reply, await cache.catalogPage(tenant, parsed.query, legacy)) : unknownStore(reply);
  });

  app.get<{ Params: TenantParams; Querystring: Query }>("/api/mp/v1/:tenant/items", READ_API, async (request, reply) => {
    const parsed = parsePageQuery(request.query);
    if (!parsed.ok) return badQuery(reply, parsed.problem.parameter, parsed.problem.message);
    const tenant = tenantOf(request);
    return tenant ? answer(request, reply, await cache.itemsPage(tenant, parsed.query)) : unknownStore(reply);
  });

  app.get<{ Params: ItemParams }>("/api/mp/v1/:tenant/items/:item", READ_API, async (request, reply) => {
    const tenant = tenantOf(request);
    return tenant ? answer(request, reply, await cache.item(tenant, request.params.item)) : unknownStore(reply);
  });

  /** A room's nights: rooms left change with every booking, so they are read from PostgreSQL each time. */
  app.get<{ Params: ItemParams; Querystring: Query }>("/api/mp/v1/:tenant/items/:item/nights", READ_API, async (request, reply) => {
    const query = nightsQuerySchema.safeParse(request.query);
    if (!query.success) {
      return sendError(reply, 400, "nights.query.invalid", `Give from and to as YYYY-MM-DD dates, from <= to, at most ${MAX_QUERY_NIGHTS} nights.`);
    }
    const tenant = tenantOf(request);
    // A store not live in memory is not asked about at all.
    if (!tenant || !(await cache.isLive(tenant))) return unknownStore(reply);
    const loaded = await loadPublishedNights(db, tenant, request.params.item, query.data);
    if (!loaded) return unknownStore(reply);
    if (!loaded.nights) return sendError(reply, 404, "item.notFound", NOT_FOUND_MESSAGES["item.notFound"]!);
    const body = Buffer.from(JSON.stringify(nightsResponseSchema.parse({ nights: loaded.nights })));
    return sendReady(request, reply, { body, etag: etagOfBytes(body) });
  });

  const trading = { db, cache, ...parts.trading };
  shopperRoutes(app, trading);
  cartRoutes(app, trading);
  orderRoutes(app, trading);
  bookingRoutes(app, trading);
  queueRoutes(app, trading);
  couponRoutes(app, trading);
  memberRoutes(app, trading);
  tableRoutes(app, trading);
  analyticsRoutes(app, trading);
  registerPaymentRoutes(app, { db, payments: parts.trading.payments });
  if (parts.platform) registerWechatPlatformRoutes(app, db, parts.platform);

  return app;
}
