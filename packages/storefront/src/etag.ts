import { createHash } from "node:crypto";

/**
 * A weak ETag (`W/"…"`) of bytes about to be sent: their sha256, computed once when shop-api caches an answer.
 * Weak because it names the content, not the exact bytes on the wire (compression may differ), which is what
 * If-None-Match needs.
 */
export function etagOfBytes(bytes: Uint8Array): string {
  return `W/"${createHash("sha256").update(bytes).digest("base64url")}"`;
}
