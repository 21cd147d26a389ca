// Sign-in throttling against forged forwarding headers, over real sockets: the request goes through the same step
// as the dashboard's web server (settleClient), and the attempt is counted under the address it settles on.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { type DomainError, createUser, prepareAccount, signIn } from "@kaidian/accounts";
import { parseTrustedProxies, settleClient, type TrustedProxies } from "@kaidian/client-address";
import type { Database } from "@kaidian/db";
import { superuser, testDatabase, uniqueEmail } from "@kaidian/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let db: Database;
beforeAll(() => {
  db = testDatabase();
});
afterAll(() => db.disconnect());

/** A server that settles the client, then tries `email` with a wrong password from that address. */
async function signInServer(proxies: TrustedProxies, email: string) {
  const server = http.createServer((request, response) => {
    settleClient(request, proxies);
    signIn(db, { email, password: "wrong-password-0000" }, request.headers["x-forwarded-for"] as string).then(
      () => response.end("signed in"),
      (error: DomainError) => response.end(error.code),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => new Promise((r) => server.close(r)) };
}

async function tenAttemptsWithNewForwardedFor(proxies: TrustedProxies) {
  const email = uniqueEmail("forged");
  await db.scoped({}, async (tx) => createUser(tx, await prepareAccount({ name: "伪造", email, password: "right-password-2026" })));
  const server = await signInServer(proxies, email);
  const answers: string[] = [];
  for (let i = 1; i <= 10; i++) {
    const response = await fetch(server.url, { headers: { "X-Forwarded-For": `198.51.100.${i}` } });
    answers.push(await response.text());
  }
  await server.close();
  const admin = await superuser();
  const { rows } = await admin.query<{ ip: string }>("SELECT DISTINCT ip FROM login_attempts WHERE email = $1 ORDER BY ip", [email]);
  await admin.end();
  return { answers, addresses: rows.map((row) => row.ip) };
}

describe("sign-in throttling behind TRUSTED_PROXIES", () => {
  it("throttles a client that reaches the server directly, however it varies X-Forwarded-For", async () => {
    const { answers, addresses } = await tenAttemptsWithNewForwardedFor(parseTrustedProxies("10.0.0.0/8"));
    expect(answers).toEqual([...Array(5).fill("signIn.invalid"), ...Array(5).fill("signIn.tooManyAttempts")]);
    expect(addresses).toEqual(["127.0.0.1"]);
  });

  it("counts each forwarded client on its own when the request comes from a trusted proxy", async () => {
    const { answers, addresses } = await tenAttemptsWithNewForwardedFor(parseTrustedProxies("127.0.0.1"));
    expect(answers).toEqual(Array(10).fill("signIn.invalid"));
    expect(addresses).toHaveLength(10);
    expect(addresses).toContain("198.51.100.7");
  });
});
