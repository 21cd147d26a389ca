import "server-only";

// Where the dashboard reaches shop-api from the inside (SHOP_API_INTERNAL_URL, else shop-api's port on this host).
function shopApiInternalUrl(): string {
  const configured = process.env.SHOP_API_INTERNAL_URL?.trim();
  return (configured || `http://127.0.0.1:${process.env.SHOP_API_PORT || 3001}`).replace(/\/+$/, "");
}

// Request headers that mean something to shop-api; the rest (cookies above all) stay here.
const FORWARDED_REQUEST = ["if-none-match", "accept", "accept-language", "user-agent", "x-request-id", "x-forwarded-for", "access-control-request-method", "access-control-request-headers"];
// Hop-by-hop and length headers are the transport's own business.
const DROPPED_RESPONSE = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding"]);

/** Passes a read API request to shop-api under the same path and query, and its answer back. */
export async function forwardToShopApi(request: Request): Promise<Response> {
  const incoming = new URL(request.url);
  const headers = new Headers();
  for (const name of FORWARDED_REQUEST) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  try {
    const answer = await fetch(`${shopApiInternalUrl()}${incoming.pathname}${incoming.search}`, {
      method: request.method,
      headers,
      redirect: "manual",
      signal: AbortSignal.timeout(10_000),
    });
    const out = new Headers();
    answer.headers.forEach((value, name) => {
      if (!DROPPED_RESPONSE.has(name)) out.set(name, value);
    });
    return new Response(answer.body, { status: answer.status, headers: out });
  } catch (error) {
    console.error(`read API: shop-api did not answer ${incoming.pathname}:`, error);
    return Response.json(
      { error: { code: "unavailable", message: "The store cannot be read right now. Try again shortly." } },
      { status: 503, headers: { "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store", "Retry-After": "5" } },
    );
  }
}
