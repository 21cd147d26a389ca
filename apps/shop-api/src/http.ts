// The read API's HTTP conventions: open to any origin, cacheable by anyone for a minute, weak ETags, and one error
// body `{ error: { code, message } }` that is never cached.
import type { FastifyReply, FastifyRequest } from "fastify";

export const CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=600";
export const OPEN = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers": "ETag, Retry-After, X-Request-Id",
  "X-Content-Type-Options": "nosniff",
} as const;
const JSON_TYPE = "application/json; charset=utf-8";

export const NOT_FOUND_MESSAGES: Record<string, string> = {
  "tenant.notFound": "No published store has this id.",
  "item.notFound": "The store has no such item.",
  "route.notFound": "No such route.",
};

const opaque = (tag: string) => tag.trim().replace(/^W\//, "");

// Weak comparison (RFC 9110): our ETags are weak, and a cache may send either form back.
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const wanted = opaque(etag);
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || opaque(tag) === wanted);
}

/** What every ready answer carries besides its ETag: one object, not one built per request. */
const READY_HEADERS = { ...OPEN, "Cache-Control": CACHE_CONTROL, "Content-Type": JSON_TYPE } as const;

/** Sends bytes with their ETag, or 304 when the client already has them. */
export function sendReady(request: FastifyRequest, reply: FastifyReply, ready: { body: Buffer; etag: string }): FastifyReply {
  reply.headers(READY_HEADERS).header("ETag", ready.etag);
  if (matches(request.headers["if-none-match"], ready.etag)) return reply.removeHeader("Content-Type").code(304).send();
  return reply.send(ready.body);
}

export function sendError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply
    .code(status)
    .headers({ ...OPEN, "Cache-Control": "no-store" })
    .type(JSON_TYPE)
    .send(JSON.stringify({ error: { code, message } }));
}

/** A shopper's own answer (cart, orders, login): JSON that no cache between may keep. */
export function sendPrivate(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply
    .code(status)
    .headers({ ...OPEN, "Cache-Control": "no-store" })
    .type(JSON_TYPE)
    .send(JSON.stringify(body));
}
