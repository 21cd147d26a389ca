import "server-only";
import { type AccountUser, NotFoundError, resolveSession, revokeSession } from "@kaidian/accounts";
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

/** Secure cookies whenever the dashboard is reached over https, directly or through a proxy. */
async function servedOverHttps() {
  return Boolean(process.env.PUBLIC_URL?.startsWith("https://")) || (await headers()).get("x-forwarded-proto") === "https";
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
 * The client's address for sign-in throttling: the last X-Forwarded-For hop, which is the one added by the
 * nearest proxy (or by Next itself from the socket when there is none). Earlier hops are the client's word.
 */
export async function clientAddress(): Promise<string> {
  const hops = (await headers()).get("x-forwarded-for")?.split(",") ?? [];
  return hops.at(-1)?.trim() || "unknown";
}
