import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newPreviewLink, PREVIEW_LINK_LIFETIME_MS, signPreviewLink, verifyPreviewLink } from "./preview-links";

const secret = randomBytes(32);
const now = new Date("2026-11-27T08:00:00Z");

describe("phone preview links", () => {
  it("name their store until they expire, 24 hours by default", () => {
    const tenantId = randomUUID();
    const { token, expiresAt } = newPreviewLink(tenantId, secret, now);
    expect(expiresAt.getTime() - now.getTime()).toBe(PREVIEW_LINK_LIFETIME_MS);
    expect(verifyPreviewLink(token, secret, now)).toEqual({ ok: true, link: { tenantId, expiresAt } });
    expect(verifyPreviewLink(token, secret, new Date(expiresAt.getTime() - 1000)).ok).toBe(true);
  });

  it("are refused as expired from their expiry on", () => {
    const { token, expiresAt } = newPreviewLink(randomUUID(), secret, now);
    expect(verifyPreviewLink(token, secret, expiresAt)).toEqual({ ok: false, reason: "expired" });
    expect(verifyPreviewLink(token, secret, new Date(expiresAt.getTime() + 60_000))).toEqual({ ok: false, reason: "expired" });
  });

  it("cannot be pointed at another store or given a longer life", () => {
    const mine = randomUUID();
    const other = randomUUID();
    const { token, expiresAt } = newPreviewLink(mine, secret, now);
    const [, signed] = token.split(".");
    const claims = (tenantId: string, seconds: number) => Buffer.from(JSON.stringify({ t: tenantId, e: seconds })).toString("base64url");
    const expiry = expiresAt.getTime() / 1000;
    expect(verifyPreviewLink(`${claims(other, expiry)}.${signed}`, secret, now)).toEqual({ ok: false, reason: "invalid" });
    expect(verifyPreviewLink(`${claims(mine, expiry + 86_400)}.${signed}`, secret, now)).toEqual({ ok: false, reason: "invalid" });
    // Even once expired, a tampered link says invalid, not expired: nothing it claims is read before the signature.
    expect(verifyPreviewLink(`${claims(other, expiry)}.${signed}`, secret, new Date(expiresAt.getTime() + 1000)).ok).toBe(false);
  });

  it("are refused when signed with another secret, cut short or malformed", () => {
    const { token } = newPreviewLink(randomUUID(), secret, now);
    expect(verifyPreviewLink(token, randomBytes(32), now)).toEqual({ ok: false, reason: "invalid" });
    for (const broken of ["", ".", token.slice(0, -2), `${token}.x`, token.split(".")[0] as string, `x${token}`]) {
      expect(verifyPreviewLink(broken, secret, now)).toEqual({ ok: false, reason: "invalid" });
    }
    // A correctly signed token whose claims are not a store id and an expiry is refused too.
    const odd = signPreviewLink({ tenantId: "not-a-uuid", expiresAt: new Date(now.getTime() + 1000) }, secret);
    expect(verifyPreviewLink(odd, secret, now)).toEqual({ ok: false, reason: "invalid" });
  });
});
