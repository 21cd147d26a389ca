// Links that carry their own authority: a payload naming a store (and, for some, the user who asked) and an expiry,
// signed with HMAC-SHA256 under the dashboard's secret. Each kind of link signs a purpose label with it, so a
// signature made for one kind never passes as another. The signature is checked in constant time before anything
// the payload claims is read.
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

export type LinkClaims = { tenantId: string; userId?: string; expiresAt: Date };
export type LinkCheck = { ok: true; claims: LinkClaims } | { ok: false; reason: "invalid" | "expired" };

const payloadSchema = z.object({ t: z.uuid(), u: z.uuid().optional(), e: z.int().positive() });

function signature(purpose: string, secret: Buffer, payload: string): Buffer {
  return createHmac("sha256", secret).update(`${purpose}.${payload}`).digest();
}

export function signLink(purpose: string, claims: LinkClaims, secret: Buffer): string {
  const body = { t: claims.tenantId, ...(claims.userId ? { u: claims.userId } : {}), e: Math.floor(claims.expiresAt.getTime() / 1000) };
  const payload = Buffer.from(JSON.stringify(body)).toString("base64url");
  return `${payload}.${signature(purpose, secret, payload).toString("base64url")}`;
}

export function verifyLink(purpose: string, token: string, secret: Buffer, now = new Date()): LinkCheck {
  const [payload, signed, ...rest] = token.split(".");
  if (!payload || !signed || rest.length > 0) return { ok: false, reason: "invalid" };
  const expected = signature(purpose, secret, payload);
  const given = Buffer.from(signed, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "invalid" };
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "invalid" };
  }
  const parsed = payloadSchema.safeParse(decoded);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const expiresAt = new Date(parsed.data.e * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, claims: { tenantId: parsed.data.t, ...(parsed.data.u ? { userId: parsed.data.u } : {}), expiresAt } };
}
