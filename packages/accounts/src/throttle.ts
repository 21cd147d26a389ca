// Sign-in throttling kept in PostgreSQL, so it holds across any number of stateless web servers.
//
// Every attempt is recorded as a failure before its password is checked (under a per-email lock), so parallel
// guesses cannot slip past the count; a correct password then marks its attempt as a success.
import type { Transaction } from "@kaidian/db";

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** Failures on one account from one client address before that address is locked out of the account. */
export const MAX_FAILURES_PER_EMAIL_AND_IP = 5;
/** Failures on one account from anywhere (a distributed guess) before the account is locked for everyone. */
export const MAX_FAILURES_PER_EMAIL = 20;
/** Failures from one client address across all accounts (password spraying). */
export const MAX_FAILURES_PER_IP = 30;

type Attempt = { email: string; ip: string };

/** Minutes until `attempt` may be tried again, or 0 when it may be tried now. */
async function lockedForMinutes(tx: Transaction, { email, ip }: Attempt, now: Date) {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const failures = (where: object) =>
    tx.loginAttempt.findMany({
      where: { ...where, succeeded: false, createdAt: { gt: since } },
      select: { createdAt: true },
      orderBy: { createdAt: "asc" },
    });
  const limits: [{ createdAt: Date }[], number][] = [
    [await failures({ email, ip }), MAX_FAILURES_PER_EMAIL_AND_IP],
    [await failures({ email }), MAX_FAILURES_PER_EMAIL],
    [await failures({ ip }), MAX_FAILURES_PER_IP],
  ];
  const until = Math.max(
    ...limits.map(([rows, limit]) =>
      rows.length >= limit ? rows[rows.length - limit]!.createdAt.getTime() + THROTTLE_WINDOW_MS : 0,
    ),
  );
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 60_000) : 0;
}

/** Counts the attempt (as a failure until proven otherwise), or says how long the caller is locked out. */
export async function beginAttempt(
  tx: Transaction,
  attempt: Attempt,
  now = new Date(),
): Promise<{ attemptId: bigint } | { lockedMinutes: number }> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sign-in:${attempt.email}`}))`;
  const lockedMinutes = await lockedForMinutes(tx, attempt, now);
  if (lockedMinutes > 0) return { lockedMinutes };
  const { id } = await tx.loginAttempt.create({ data: { ...attempt, succeeded: false, createdAt: now }, select: { id: true } });
  return { attemptId: id };
}

/** The password was right: the attempt succeeded and this address's earlier failures on the account are forgiven. */
export async function markSucceeded(tx: Transaction, attemptId: bigint, attempt: Attempt) {
  await tx.loginAttempt.update({ where: { id: attemptId }, data: { succeeded: true } });
  await tx.loginAttempt.deleteMany({ where: { ...attempt, succeeded: false } });
}
