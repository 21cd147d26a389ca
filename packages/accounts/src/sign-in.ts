import type { Database } from "@kaidian/db";
import { DomainError } from "./errors";
import { decoyPasswordHash, verifyPassword } from "./passwords";
import type { SignInInput } from "./schemas";
import { createSession } from "./sessions";
import { beginAttempt, markSucceeded } from "./throttle";
import type { AccountUser } from "./users";

export type SignedIn = { user: AccountUser; token: string; expiresAt: Date };

/**
 * Checks the password and opens a session. Refuses with the same message whether the email exists or not, and
 * throttles repeated failures (see throttle.ts).
 */
export async function signIn(db: Database, input: SignInInput, ip: string): Promise<SignedIn> {
  const attempt = { email: input.email, ip };
  const begun = await db.scoped({}, (tx) => beginAttempt(tx, attempt));
  if ("lockedMinutes" in begun) throw new DomainError("signIn.tooManyAttempts", undefined, { minutes: begun.lockedMinutes });

  const account = await db.scoped({}, (tx) =>
    tx.user.findUnique({ where: { email: input.email }, select: { id: true, email: true, name: true, passwordHash: true } }),
  );
  // An unknown email still costs one hash check, so timing does not tell which accounts exist.
  const valid = await verifyPassword(account?.passwordHash ?? (await decoyPasswordHash()), input.password);
  if (!account || !valid) throw new DomainError("signIn.invalid");

  const session = await db.scoped({}, async (tx) => {
    await markSucceeded(tx, begun.attemptId, attempt);
    return createSession(tx, account.id);
  });
  return { user: { id: account.id, email: account.email, name: account.name }, ...session };
}
