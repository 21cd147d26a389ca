import "server-only";
// The one shape of a store's route handlers (JSON for live views, uploads, files to download): a state-changing
// request must come from the dashboard's own pages (Origin), then the signed-in user, the store in the URL as they
// may act on it for `action`, then the handler. A store they have no role in is 404, exactly like one that does not
// exist; anything unexpected is logged and answered with a bare 500.
import { NotFoundError } from "@kaidian/accounts";
import { clientResolved } from "@kaidian/client-address";
import { can, resolveStore, type StoreAccess, type StoreAction } from "@kaidian/tenancy";
import { errorMessage } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { database } from "./db";
import { currentUser } from "./session";

export async function refuse(status: number, code: string, params?: Record<string, string | number>): Promise<Response> {
  const { t } = await currentDictionary();
  return Response.json({ error: { code, message: errorMessage(t, code, params) } }, { status, headers: { "Cache-Control": "no-store" } });
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Whether a request may change anything: safe methods always; any other only when its Origin is the dashboard's
 * own (the address it was reached at, or PUBLIC_URL). Browsers send Origin with every POST, PUT, PATCH and DELETE,
 * and a page elsewhere cannot forge it, so the session cookie alone never authorises a write from another site.
 * Server actions get the same check from Next.
 */
export async function fromOwnOrigin(request: Request): Promise<boolean> {
  if (SAFE_METHODS.has(request.method)) return true;
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host = request.headers.get("host");
  // X-Forwarded-Proto is the one web-server.ts settled from TRUSTED_PROXIES, never the client's.
  const own = [host && `${clientResolved() && request.headers.get("x-forwarded-proto") === "https" ? "https" : "http"}://${host}`];
  if (process.env.PUBLIC_URL) own.push(new URL(process.env.PUBLIC_URL).origin);
  return own.includes(origin);
}

/** The store as the signed-in user may act on it for `action`, or the answer refusing them. */
export async function storeAccess(ref: string, action: StoreAction): Promise<StoreAccess | Response> {
  const user = await currentUser();
  if (!user) return refuse(401, "session.required");
  try {
    const found = await resolveStore(database(), user.id, ref);
    return can(found.roles, action) ? found : refuse(403, "permission.denied");
  } catch (error) {
    if (error instanceof NotFoundError) return refuse(404, "store.notFound");
    throw error;
  }
}

export function storeRoute<Params extends { store: string }>(
  action: StoreAction,
  handle: (access: StoreAccess, request: Request, params: Params) => Promise<Response>,
) {
  return async (request: Request, { params }: { params: Promise<Params> }): Promise<Response> => {
    if (!(await fromOwnOrigin(request))) return refuse(403, "request.foreignOrigin");
    const resolved = await params;
    const access = await storeAccess(resolved.store, action);
    if (access instanceof Response) return access;
    try {
      return await handle(access, request, resolved);
    } catch (error) {
      console.error(`${request.method} ${new URL(request.url).pathname} failed:`, error instanceof Error ? error.stack : error);
      return refuse(500, "unexpected");
    }
  };
}
