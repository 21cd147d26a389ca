import { createHash, randomBytes } from "node:crypto";

/** A URL-safe random secret (session tokens, invitation links). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** How secrets are stored: only their sha256, so a leaked table hands out nothing usable. */
export function sha256Hex(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
