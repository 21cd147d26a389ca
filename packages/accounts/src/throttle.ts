// Sign-in throttling kept in PostgreSQL, so it holds across any number of stateless web servers.
import type { Transaction } from "@kaidian/db";

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** Failed attempts on one account within the window before it is locked for the rest of the window. */
export const MAX_FAILURES_PER_EMAIL = 5;
/** Failed attempts from one client address within the window, across all accounts. */
export const MAX_FAILURES_PER_IP = 30;

/** Minutes until the caller may try again, or 0 when they may try now. */
export async function lockedForMinutes(tx: Transaction, email: string, ip: string, now = new Date()) {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const [byEmail, byIp] = await Promise.all([
    tx.loginAttempt.findMany({
      where: { email, succeeded: false, createdAt: { gt: since } },
      select: { createdAt: true },
      orderBy: { createdAt: "asc" },
    }),
    tx.loginAttempt.findMany({
      where: { ip, succeeded: false, createdAt: { gt: since } },
      select: { createdAt: true },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  const unlockAt = (failures: { createdAt: Date }[], limit: number) =>
    failures.length >= limit ? failures[failures.length - limit]!.createdAt.getTime() + THROTTLE_WINDOW_MS : 0;
  const until = Math.max(unlockAt(byEmail, MAX_FAILURES_PER_EMAIL), unlockAt(byIp, MAX_FAILURES_PER_IP));
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 60_000) : 0;
}

export async function recordAttempt(tx: Transaction, attempt: { email: string; ip: string; succeeded: boolean }) {
  await tx.loginAttempt.create({ data: attempt });
  if (attempt.succeeded) {
    // A successful sign-in clears the account's failures (not the address's: that limit guards against spraying).
    await tx.loginAttempt.deleteMany({ where: { email: attempt.email, succeeded: false } });
  }
}
