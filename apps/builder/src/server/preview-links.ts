// Phone preview links: /p/<token>, where the token names one store and an expiry, signed so it can be neither forged
// nor pointed at another store. Anyone holding a link sees that store's draft until it expires.
import { signLink, verifyLink } from "./signed-links";

export const PREVIEW_LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;

export type PreviewLink = { tenantId: string; expiresAt: Date };
export type PreviewLinkCheck = { ok: true; link: PreviewLink } | { ok: false; reason: "invalid" | "expired" };

const PURPOSE = "kaidian:phone-preview:v1";

export function signPreviewLink(link: PreviewLink, secret: Buffer): string {
  return signLink(PURPOSE, link, secret);
}

/** A new link for the store, valid for `lifetimeMs` from `now`. */
export function newPreviewLink(tenantId: string, secret: Buffer, now = new Date(), lifetimeMs = PREVIEW_LINK_LIFETIME_MS): { token: string; expiresAt: Date } {
  // Whole seconds, as the token carries them.
  const expiresAt = new Date(Math.floor((now.getTime() + lifetimeMs) / 1000) * 1000);
  return { token: signPreviewLink({ tenantId, expiresAt }, secret), expiresAt };
}

export function verifyPreviewLink(token: string, secret: Buffer, now = new Date()): PreviewLinkCheck {
  const check = verifyLink(PURPOSE, token, secret, now);
  return check.ok ? { ok: true, link: { tenantId: check.claims.tenantId, expiresAt: check.claims.expiresAt } } : check;
}
