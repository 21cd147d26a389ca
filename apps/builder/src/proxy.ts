import { type NextRequest, NextResponse } from "next/server";
import { contentSecurityPolicy, newNonce, runsRuntimePreview, STRICT_TRANSPORT_SECURITY } from "./server/security-headers";

/**
 * Every page gets its own CSP nonce. Next reads the policy from the request's headers while rendering and puts the
 * nonce on its scripts; the browser gets the same policy with the response.
 */
export function proxy(request: NextRequest) {
  const https = Boolean(process.env.PUBLIC_URL?.startsWith("https://"));
  const policy = contentSecurityPolicy({
    nonce: newNonce(),
    preview: runsRuntimePreview(request.nextUrl.pathname),
    development: process.env.NODE_ENV === "development",
    https,
  });
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  if (https) response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  // Pages only: route handlers answer JSON, files and pictures, which run no script (they still get the static
  // headers of next.config.ts). Prefetches carry no HTML to protect.
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|media/|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
