import { type Database } from "@kaidian/db";
import { superuser, testDatabase, uniqueEmail } from "@kaidian/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import { MAX_FAILURES_PER_EMAIL, createUser, prepareAccount, resolveSession, revokeSession, signIn } from "./index";

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

  it("locks an account after repeated failures, even against the right password, and says for how long", async () => {
    const { email, password } = await account();
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      expect(await refusal(signIn(db, { email, password: `guess-${i}-wrong` }, `198.51.100.${i}`))).toBe("signIn.invalid");
    }
    const locked = await signIn(db, { email, password }, "198.51.100.99").catch((error: DomainError) => error);
    expect(locked).toMatchObject({ code: "signIn.tooManyAttempts", params: { minutes: 15 } });
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
