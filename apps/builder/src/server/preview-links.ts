// Phone preview links: /p/<token>, where the token names one store and an expiry, signed with HMAC-SHA256 so it
// can be neither forged nor pointed at another store. Anyone holding a link sees that store's draft until it expires.
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

export const PREVIEW_LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;

export type PreviewLink = { tenantId: string; expiresAt: Date };
export type PreviewLinkCheck = { ok: true; link: PreviewLink } | { ok: false; reason: "invalid" | "expired" };

const payloadSchema = z.object({ t: z.uuid(), e: z.int().positive() });
// A label inside the signed text, so a signature made for anything else with the same secret never passes here.
const PURPOSE = "kaidian:phone-preview:v1";

function signature(secret: Buffer, payload: string): Buffer {
  return createHmac("sha256", secret).update(`${PURPOSE}.${payload}`).digest();
}

export function signPreviewLink(link: PreviewLink, secret: Buffer): string {
  const payload = Buffer.from(JSON.stringify({ t: link.tenantId, e: Math.floor(link.expiresAt.getTime() / 1000) })).toString("base64url");
  return `${payload}.${signature(secret, payload).toString("base64url")}`;
}

/** A new link for the store, valid for `lifetimeMs` from `now`. */
export function newPreviewLink(tenantId: string, secret: Buffer, now = new Date(), lifetimeMs = PREVIEW_LINK_LIFETIME_MS): { token: string; expiresAt: Date } {
  // Whole seconds, as the token carries them.
  const expiresAt = new Date(Math.floor((now.getTime() + lifetimeMs) / 1000) * 1000);
  return { token: signPreviewLink({ tenantId, expiresAt }, secret), expiresAt };
}

/** Checks the signature in constant time before reading anything the token claims, then its expiry. */
export function verifyPreviewLink(token: string, secret: Buffer, now = new Date()): PreviewLinkCheck {
  const [payload, signed, ...rest] = token.split(".");
  if (!payload || !signed || rest.length > 0) return { ok: false, reason: "invalid" };
  const expected = signature(secret, payload);
  const given = Buffer.from(signed, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "invalid" };
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "invalid" };
  }
  const parsed = payloadSchema.safeParse(claims);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const expiresAt = new Date(parsed.data.e * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, link: { tenantId: parsed.data.t, expiresAt } };
}
