// Where built Mini Programs reach shop-api (apps/shop-api): SHOP_API_PUBLIC_URL. Phones reach only https addresses
// that the Mini Program lists among its request domains (服务器域名), so an upload needs it set to one
// (the `shopApi.https` readiness check); a local build falls back to shop-api's port on this machine.

type Environment = Record<string, string | undefined>;

/** SHOP_API_PUBLIC_URL without a trailing slash, or null when unset. */
export function shopApiPublicUrl(env: Environment = process.env): string | null {
  const configured = env.SHOP_API_PUBLIC_URL?.trim().replace(/\/+$/, "");
  return configured || null;
}

/** The address a build bakes in: the public one, else shop-api on this machine (fine for local development only). */
export function shopApiBaseUrl(env: Environment = process.env): string {
  return shopApiPublicUrl(env) ?? `http://localhost:${env.SHOP_API_PORT?.trim() || 3001}`;
}

/**
 * What to list as a request domain (with its port, if any: WeChat then allows only that port), when the address is
 * one a phone may call: https, and a domain name (WeChat takes no IP addresses and nobody's phone has our localhost).
 */
export function shopApiRequestDomain(url: string | null): string | null {
  if (!url?.startsWith("https://")) return null;
  try {
    const { hostname, host } = new URL(url);
    return hostname === "localhost" || hostname.endsWith(".localhost") || /^[\d.]+$|^\[/.test(hostname) ? null : host;
  } catch {
    return null;
  }
}
