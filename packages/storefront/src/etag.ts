import { createHash } from "node:crypto";

// Object keys sorted, so two bodies that differ only in key order are the same representation.
function canonicalJson(body: unknown): string {
  return JSON.stringify(body, (_key, value: unknown) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
}

/**
 * A weak ETag (`W/"…"`): the sha256 of the body's canonical JSON. Weak because it names the content, not the exact
 * bytes sent (key order, whitespace and compression may differ), which is what If-None-Match needs.
 */
export function etagOf(body: unknown): string {
  return `W/"${createHash("sha256").update(canonicalJson(body)).digest("base64url")}"`;
}

/** The weak ETag of bytes about to be sent: what shop-api computes once when it caches an answer. */
export function etagOfBytes(bytes: Uint8Array): string {
  return `W/"${createHash("sha256").update(bytes).digest("base64url")}"`;
}
