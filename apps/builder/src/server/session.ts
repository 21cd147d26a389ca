import "server-only";
import { type AccountUser, NotFoundError, resolveSession, revokeSession } from "@kaidian/accounts";
import { clientResolved } from "@kaidian/client-address";
import { resolveStore, type StoreAccess } from "@kaidian/tenancy";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { database } from "./db";

const SESSION_COOKIE = "kaidian_session";

/** The signed-in user of this request, or null. Read once per request. */
export const currentUser = cache(async (): Promise<AccountUser | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  return database().scoped({}, (tx) => resolveSession(tx, token));
});

export async function requireUser(next?: string): Promise<AccountUser> {
  const user = await currentUser();
  if (!user) redirect(next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in");
  return user;
}

/** The store in the URL as the signed-in user may act on it; a 404 when they may not (or it does not exist). */
export const requireStore = cache(async (ref: string): Promise<StoreAccess> => {
  const user = await requireUser(`/stores/${encodeURIComponent(ref)}`);
  try {
    return await resolveStore(database(), user.id, ref);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
});

/** Secure cookies whenever the dashboard is reached over https, directly or through a trusted proxy. */
async function servedOverHttps() {
  return Boolean(process.env.PUBLIC_URL?.startsWith("https://")) || (clientResolved() && (await headers()).get("x-forwarded-proto") === "https");
}

export async function startSession(session: { token: string; expiresAt: Date }) {
  (await cookies()).set(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: "lax",
    secure: await servedOverHttps(),
    path: "/",
    expires: session.expiresAt,
  });
}

export async function endSession() {
  const jar = await cookies();
  const token = jar.get(SESSION_COOKIE)?.value;
  if (token) await database().scoped({}, (tx) => revokeSession(tx, token));
  jar.delete(SESSION_COOKIE);
}

/**
 * The client's address, for sign-in throttling and the audit log. src/web-server.ts settles it from the socket and
 * TRUSTED_PROXIES and writes it as the only X-Forwarded-For value; without that server in front (next dev) no
 * header is believed and every client is "unknown".
 */
export async function clientAddress(): Promise<string> {
  if (!clientResolved()) return "unknown";
  return (await headers()).get("x-forwarded-for")?.trim() || "unknown";
}
