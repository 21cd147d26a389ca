import "server-only";
import { NotFoundError } from "@kaidian/accounts";
import type { Database } from "@kaidian/db";
import { etagOf, type SkippedRow } from "@kaidian/storefront";
import { z } from "zod";
import { database } from "./db";

// The public read API (/api/mp/v1/<tenant>/...) is what shoppers' Mini Programs and the web previews read: no
// session, read-only, cacheable by anyone, open to any origin.
const CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=600";
const OPEN = { "Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "ETag", "X-Content-Type-Options": "nosniff" };

const NOT_FOUND: Record<string, string> = {
  "tenant.notFound": "No published store has this id.",
  "item.notFound": "The store has no such item.",
};

const tenantIdSchema = z.uuid();

export type ReadContext<Params> = {
  db: Database;
  tenantId: string;
  params: Params;
  searchParams: URLSearchParams;
  /** Logs catalog rows left out of the answer because their schema refuses them. */
  reportSkipped: (skipped: SkippedRow[]) => void;
};

/** The read API's error body, `{ error: { code, message } }`, never cached. */
export function jsonError(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status, headers: { ...OPEN, "Cache-Control": "no-store" } });
}

// Weak comparison (RFC 9110): our ETags are weak, and a cache may send either form back.
function matches(ifNoneMatch: string | null, etag: string): boolean {
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch?.split(",").some((tag) => tag.trim() === "*" || opaque(tag) === opaque(etag)) ?? false;
}

/**
 * The one shape of every read API handler: check the tenant id, call the domain (`load`; null means the store is
 * not there for shoppers), shape the body with its zod schema, and answer with an ETag (304 when the client has
 * it). A NotFoundError is a 404 with its code; anything else is logged and answered with a generic 500.
 */
export function readApi<Params extends { tenant: string }, Schema extends z.ZodType>(
  schema: Schema,
  load: (context: ReadContext<Params>) => Promise<z.input<Schema> | null>,
) {
  return async (request: Request, { params }: { params: Promise<Params> }): Promise<Response> => {
    const resolved = await params;
    const notFound = (code: string) => jsonError(404, code, NOT_FOUND[code] ?? "Not found.");
    if (!tenantIdSchema.safeParse(resolved.tenant).success) return notFound("tenant.notFound");
    try {
      const loaded = await load({
        db: database(),
        tenantId: resolved.tenant,
        params: resolved,
        searchParams: new URL(request.url).searchParams,
        reportSkipped: (skipped) => {
          if (skipped.length) console.warn(`store ${resolved.tenant}: catalog rows left out:`, JSON.stringify(skipped));
        },
      });
      if (loaded === null) return notFound("tenant.notFound");
      const body = schema.parse(loaded);
      const etag = etagOf(body);
      const headers = { ...OPEN, ETag: etag, "Cache-Control": CACHE_CONTROL };
      if (matches(request.headers.get("If-None-Match"), etag)) return new Response(null, { status: 304, headers });
      return Response.json(body, { headers });
    } catch (error) {
      if (error instanceof NotFoundError) return notFound(error.code);
      console.error(`read API ${new URL(request.url).pathname} failed:`, error);
      return jsonError(500, "internal", "The store could not be read. Try again later.");
    }
  };
}
