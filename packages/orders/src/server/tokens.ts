// The shopper's token: which store and which shopper, until when, signed with HMAC-SHA256. The key is derived
// from the master key (HKDF, its own label), so no further secret is stored or configured, every shop-api process
// derives the same one, and rotating the master key logs every shopper out (they log in again silently).
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

/** Two hours, like WeChat's own session: short enough that a leaked token soon stops working. */
export const SHOPPER_TOKEN_SECONDS = 2 * 60 * 60;

export type ShopperToken = { token: string; expiresAt: Date };

export type TokenCheck =
  | { ok: true; tenantId: string; shopperId: string }
  | { ok: false; code: "token.missing" | "token.invalid" | "token.expired" | "token.otherStore" };

const SHAPE = /^([0-9a-f-]{36})\.([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

export class ShopperTokens {
  private readonly key: Buffer;

  constructor(masterKey: Buffer, private readonly now: () => number = Date.now) {
    this.key = Buffer.from(hkdfSync("sha256", masterKey, Buffer.alloc(0), "kaidian shopper token v1", 32));
  }

  issue(tenantId: string, shopperId: string): ShopperToken {
    const expires = Math.floor(this.now() / 1000) + SHOPPER_TOKEN_SECONDS;
    const body = `${tenantId}.${shopperId}.${expires}`;
    return { token: `${body}.${this.sign(body)}`, expiresAt: new Date(expires * 1000) };
  }

  /** The shopper a token names, for this store only. The signature is checked before anything it says is used. */
  verify(token: string | undefined, tenantId: string): TokenCheck {
    if (!token) return { ok: false, code: "token.missing" };
    const match = SHAPE.exec(token);
    if (!match) return { ok: false, code: "token.invalid" };
    const [, tokenTenant = "", shopperId = "", expires = "", signature = ""] = match;
    const expected = Buffer.from(this.sign(`${tokenTenant}.${shopperId}.${expires}`));
    if (!timingSafeEqual(expected, Buffer.from(signature))) return { ok: false, code: "token.invalid" };
    if (tokenTenant !== tenantId) return { ok: false, code: "token.otherStore" };
    if (Number(expires) * 1000 <= this.now()) return { ok: false, code: "token.expired" };
    return { ok: true, tenantId, shopperId };
  }

  private sign(body: string): string {
    return createHmac("sha256", this.key).update(body).digest("base64url");
  }
}

/** The token of an `Authorization: Bearer …` header. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}
