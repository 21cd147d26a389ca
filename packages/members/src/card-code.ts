// The member card's QR code: the member's number, when the code ends, and an HMAC over both (and the store) under
// the store's own card key, which stays on the server. The phone fetches a fresh code before the last one ends, so
// a screenshot of someone's card stops opening their membership within CARD_CODE_SECONDS; a code edited by hand or
// signed by anyone else does not verify. Only the dashboard verifies codes, with the store's key.
import { createHmac, timingSafeEqual } from "node:crypto";

/** How long a card code opens the member: long enough to show it at the till, short enough that a screenshot is stale. */
export const CARD_CODE_SECONDS = 90;
/** How often the phone asks for a new code, well before the one it shows ends. */
export const CARD_REFRESH_SECONDS = 30;

const PREFIX = "KDM1";
const CODE = /^KDM1\.(\d{1,9})\.(\d{10})\.([A-Za-z0-9_-]{22})$/;

export type CardCode = { code: string; expiresAt: Date };

function signature(key: Buffer, tenantId: string, number: number, expires: number): string {
  return createHmac("sha256", key).update(`${tenantId}.${number}.${expires}`).digest("base64url").slice(0, 22);
}

export function signCardCode(key: Buffer, tenantId: string, number: number, at: Date = new Date()): CardCode {
  const expires = Math.floor(at.getTime() / 1000) + CARD_CODE_SECONDS;
  return { code: `${PREFIX}.${number}.${expires}.${signature(key, tenantId, number, expires)}`, expiresAt: new Date(expires * 1000) };
}

export type CardCodeRefusal = "malformed" | "forged" | "expired";

export type VerifiedCardCode = { ok: true; number: number } | { ok: false; refusal: CardCodeRefusal };

export function verifyCardCode(key: Buffer, tenantId: string, code: string, at: Date = new Date()): VerifiedCardCode {
  const match = CODE.exec(code.trim());
  if (!match) return { ok: false, refusal: "malformed" };
  const number = Number(match[1]);
  const expires = Number(match[2]);
  const expected = Buffer.from(signature(key, tenantId, number, expires));
  const given = Buffer.from(match[3]!);
  if (!timingSafeEqual(expected, given)) return { ok: false, refusal: "forged" };
  // A code from further ahead than one lifetime was not made by this server's clock: treated as forged.
  const now = at.getTime() / 1000;
  if (expires > now + CARD_CODE_SECONDS + 5) return { ok: false, refusal: "forged" };
  if (expires <= now) return { ok: false, refusal: "expired" };
  return { ok: true, number };
}
