import type { Database } from "@kaidian/db";
import { DomainError } from "./errors";
import { decoyPasswordHash, verifyPassword } from "./passwords";
import { type SignInInput } from "./schemas";
import { createSession } from "./sessions";
import { lockedForMinutes, recordAttempt } from "./throttle";
import type { AccountUser } from "./users";

export type SignedIn = { user: AccountUser; token: string; expiresAt: Date };

/**
 * Checks the password and opens a session. Refuses, with the same message whether the email exists or not,
 * and locks an account (or a client address) after repeated failures.
 */
export async function signIn(db: Database, input: SignInInput, ip: string): Promise<SignedIn> {
  const minutes = await db.scoped({}, (tx) => lockedForMinutes(tx, input.email, ip));
  if (minutes > 0) throw new DomainError("signIn.tooManyAttempts", undefined, { minutes });

  const account = await db.scoped({}, (tx) =>
    tx.user.findUnique({ where: { email: input.email }, select: { id: true, email: true, name: true, passwordHash: true } }),
  );
  const valid = await verifyPassword(account?.passwordHash ?? (await decoyPasswordHash()), input.password);
  const succeeded = Boolean(account) && valid;

  // The attempt is committed before refusing, or a rolled-back failure would never count towards the lock.
  const session = await db.scoped({}, async (tx) => {
    await recordAttempt(tx, { email: input.email, ip, succeeded });
    return account && succeeded ? createSession(tx, account.id) : null;
  });
  if (!account || !session) throw new DomainError("signIn.invalid");
  return { user: { id: account.id, email: account.email, name: account.name }, ...session };
}
