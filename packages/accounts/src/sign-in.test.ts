import { type Database } from "@kaidian/db";
import { superuser, testDatabase, uniqueEmail } from "@kaidian/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import { MAX_FAILURES_PER_EMAIL, MAX_FAILURES_PER_EMAIL_AND_IP, createUser, prepareAccount, resolveSession, revokeSession, signIn } from "./index";

let db: Database;
beforeAll(() => {
  db = testDatabase();
});
afterAll(() => db.disconnect());

async function account(password = "tea-garden-2026") {
  const email = uniqueEmail("signin");
  const prepared = await prepareAccount({ name: "茶园", email, password });
  await db.scoped({}, (tx) => createUser(tx, prepared));
  return { email, password };
}

const refusal = (promise: Promise<unknown>) => promise.then(() => "signed in", (error: DomainError) => error.code);

describe("signing in", () => {
  it("opens a session that resolves to the user until it is revoked", async () => {
    const { email, password } = await account();
    const signed = await signIn(db, { email, password }, "203.0.113.1");
    expect(signed.user.email).toBe(email);
    expect(await db.scoped({}, (tx) => resolveSession(tx, signed.token))).toMatchObject({ email });

    await db.scoped({}, (tx) => revokeSession(tx, signed.token));
    expect(await db.scoped({}, (tx) => resolveSession(tx, signed.token))).toBeNull();
  });

  it("stores only a hash of the password and of the session token", async () => {
    const { email, password } = await account();
    const { token } = await signIn(db, { email, password }, "203.0.113.2");
    const admin = await superuser();
    const { rows } = await admin.query(
      "SELECT u.password_hash, s.token_hash FROM users u JOIN sessions s ON s.user_id = u.id WHERE u.email = $1",
      [email],
    );
    await admin.end();
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(rows[0].password_hash).not.toContain(password);
    expect(rows[0].token_hash).not.toBe(token);
  });

  it("gives the same answer for a wrong password and for an unknown email", async () => {
    const { email } = await account();
    expect(await refusal(signIn(db, { email, password: "wrong-password-1" }, "203.0.113.3"))).toBe("signIn.invalid");
    expect(await refusal(signIn(db, { email: uniqueEmail("nobody"), password: "x" }, "203.0.113.3"))).toBe("signIn.invalid");
  });

  it("locks an address out of an account after repeated failures, even against the right password", async () => {
    const { email, password } = await account();
    const ip = "198.51.100.7";
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL_AND_IP; i++) {
      expect(await refusal(signIn(db, { email, password: `guess-${i}-wrong` }, ip))).toBe("signIn.invalid");
    }
    const locked = await signIn(db, { email, password }, ip).catch((error: DomainError) => error);
    expect(locked).toMatchObject({ code: "signIn.tooManyAttempts", params: { minutes: 15 } });
    // The owner, elsewhere, is not locked out by someone guessing from one address.
    expect(await refusal(signIn(db, { email, password }, "198.51.100.8"))).toBe("signed in");
  });

  it("locks the account for everyone when the guesses come from many addresses", async () => {
    const { email, password } = await account();
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      await refusal(signIn(db, { email, password: "wrong-guess-1" }, `198.18.0.${i}`));
    }
    expect(await refusal(signIn(db, { email, password }, "198.18.1.1"))).toBe("signIn.tooManyAttempts");
  });

  it("counts guesses sent in parallel: no more than the limit get their password checked", async () => {
    const { email, password } = await account();
    const ip = "198.51.100.77";
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => refusal(signIn(db, { email, password: `parallel-${i}-wrong` }, ip))),
    );
    expect(results.filter((r) => r === "signIn.invalid")).toHaveLength(MAX_FAILURES_PER_EMAIL_AND_IP);
    expect(await refusal(signIn(db, { email, password }, ip))).toBe("signIn.tooManyAttempts");
  });

  it("throttles one client address spraying many accounts", async () => {
    const ip = "192.0.2.77";
    for (let i = 0; i < 30; i++) await refusal(signIn(db, { email: uniqueEmail("spray"), password: "x" }, ip));
    const { email, password } = await account();
    expect(await refusal(signIn(db, { email, password }, ip))).toBe("signIn.tooManyAttempts");
    expect(await refusal(signIn(db, { email, password }, "192.0.2.78"))).toBe("signed in");
  });

  it("ends a session at its expiry", async () => {
    const { email, password } = await account();
    const { token, expiresAt } = await signIn(db, { email, password }, "203.0.113.4");
    const later = new Date(expiresAt.getTime() + 1000);
    expect(await db.scoped({}, (tx) => resolveSession(tx, token, later))).toBeNull();
  });
});
