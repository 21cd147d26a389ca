const SAME_SITE = "http://kaidian.invalid";

/** Only paths on this site are followed after sign-in: never another host, however the URL is disguised. */
export function safeNextPath(next: unknown): string | null {
  if (typeof next !== "string" || !next.startsWith("/") || /[\\\u0000-\u001f\u007f]/.test(next)) return null;
  const resolved = new URL(next, SAME_SITE);
  return resolved.origin === SAME_SITE ? `${resolved.pathname}${resolved.search}${resolved.hash}` : null;
}
