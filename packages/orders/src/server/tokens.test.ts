import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { bearerToken, SHOPPER_TOKEN_SECONDS, ShopperTokens } from "./tokens";

describe("shopper tokens", () => {
  const masterKey = randomBytes(32);
  const [store, other, shopper] = [randomUUID(), randomUUID(), randomUUID()];

  it("names the store and shopper for two hours, then expires", () => {
    let now = Date.UTC(2026, 11, 3, 12);
    const tokens = new ShopperTokens(masterKey, () => now);
    const { token, expiresAt } = tokens.issue(store, shopper);
    expect(expiresAt.getTime()).toBe(now + SHOPPER_TOKEN_SECONDS * 1000);
    expect(tokens.verify(token, store)).toEqual({ ok: true, tenantId: store, shopperId: shopper });
    now += SHOPPER_TOKEN_SECONDS * 1000;
    expect(tokens.verify(token, store)).toEqual({ ok: false, code: "token.expired" });
  });

  it("refuses another store's token, an altered one, and one signed under another master key", () => {
    const tokens = new ShopperTokens(masterKey);
    const { token } = tokens.issue(store, shopper);
    expect(tokens.verify(token, other)).toEqual({ ok: false, code: "token.otherStore" });
    // Claiming another shopper or a later expiry breaks the signature.
    const [tenant, , expires, signature] = token.split(".");
    expect(tokens.verify([tenant, randomUUID(), expires, signature].join("."), store)).toEqual({ ok: false, code: "token.invalid" });
    expect(tokens.verify([tenant, shopper, Number(expires) + 3600, signature].join("."), store)).toEqual({ ok: false, code: "token.invalid" });
    expect(new ShopperTokens(randomBytes(32)).verify(token, store)).toEqual({ ok: false, code: "token.invalid" });
    expect(tokens.verify(undefined, store)).toEqual({ ok: false, code: "token.missing" });
    expect(bearerToken(`Bearer ${token}`)).toBe(token);
    expect(bearerToken(`Basic ${token}`)).toBeUndefined();
  });
});
