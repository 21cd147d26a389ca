// The dashboard's security headers. Pages get a Content-Security-Policy with a fresh nonce per request: Next puts
// it on its own scripts, and 'strict-dynamic' lets those load the chunks they need, so no injected script runs.

/**
 * Pages that render the Mini Program runtime (the editor's live preview, template thumbnails, the phone preview).
 * The preview evaluates the runtime's compiled templates and CommonJS modules from the preview bundle with
 * `new Function` (packages/preview/src/browser), which CSP allows only with 'unsafe-eval'; every other page
 * runs without it.
 */
const RUNTIME_PREVIEW_PAGES = /^\/(?:sign-up|stores\/new|agency|p\/[^/]+|stores\/[^/]+\/(?:design|template))(?:\/|$)/;

export function runsRuntimePreview(pathname: string): boolean {
  return RUNTIME_PREVIEW_PAGES.test(pathname);
}

export type PolicyOptions = {
  nonce: string;
  /** The page hosts the runtime preview (runsRuntimePreview). */
  preview: boolean;
  /** `next dev`: React uses eval for its debugging aids. */
  development: boolean;
  /** Served over https (PUBLIC_URL https://...): sub-resources asked over http are upgraded. */
  https: boolean;
};

export function contentSecurityPolicy({ nonce, preview, development, https }: PolicyOptions): string {
  const evaluation = preview || development ? " 'unsafe-eval'" : "";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${evaluation}`,
    // Styles: the stylesheet, and inline ones the app writes itself at run time (the preview's WXSS in its shadow
    // root, the merchant's theme colours as style attributes). A nonce here would void 'unsafe-inline'.
    "style-src 'self' 'unsafe-inline'",
    // Merchants' pictures may be any https address; QR codes and picked files show as data: and blob: URLs.
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** A fresh, unguessable nonce: 128 random bits, base64. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/** Two years, subdomains included: only ever sent when the dashboard is served over https. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";
