import "server-only";

const OPEN = { "Access-Control-Allow-Origin": "*", "X-Content-Type-Options": "nosniff" };

/** The read API's error body, `{ error: { code, message } }`, never cached. */
export function jsonError(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status, headers: { ...OPEN, "Cache-Control": "no-store" } });
}
