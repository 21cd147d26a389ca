// Server-side sessions: the browser holds a random token in an httpOnly cookie; the database holds only its
// sha256, so neither a leaked table nor a log line can be replayed as a session.
import type { Transaction } from "@kaidian/db";
import { randomToken, sha256Hex as digest } from "./tokens";
import type { AccountUser } from "./users";

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
// lastSeenAt is refreshed at most this often, so reading pages does not write on every request.
const TOUCH_INTERVAL_MS = 60 * 60 * 1000;

export async function createSession(tx: Transaction, userId: string, now = new Date()) {
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await tx.session.create({ data: { tokenHash: digest(token), userId, expiresAt } });
  return { token, expiresAt };
}

/** The user a session token belongs to, or null when it is unknown or expired. */
export async function resolveSession(tx: Transaction, token: string, now = new Date()): Promise<AccountUser | null> {
  const session = await tx.session.findUnique({
    where: { tokenHash: digest(token) },
    select: { id: true, expiresAt: true, lastSeenAt: true, user: { select: { id: true, email: true, name: true } } },
  });
  if (!session || session.expiresAt <= now) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await tx.session.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  return session.user;
}

export async function revokeSession(tx: Transaction, token: string) {
  await tx.session.deleteMany({ where: { tokenHash: digest(token) } });
}
