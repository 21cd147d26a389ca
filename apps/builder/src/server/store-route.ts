import "server-only";
// The one shape of a store's route handlers (JSON for live views, files to download): the signed-in user, the store
// in the URL as they may act on it for `action`, then the handler. A store they have no role in is 404, exactly like
// one that does not exist; anything unexpected is logged and answered with a bare 500.
import { NotFoundError } from "@kaidian/accounts";
import { can, resolveStore, type StoreAccess, type StoreAction } from "@kaidian/tenancy";
import { errorMessage } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { database } from "./db";
import { currentUser } from "./session";

export async function refuse(status: number, code: string, params?: Record<string, string | number>): Promise<Response> {
  const { t } = await currentDictionary();
  return Response.json({ error: { code, message: errorMessage(t, code, params) } }, { status, headers: { "Cache-Control": "no-store" } });
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
