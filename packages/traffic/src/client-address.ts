// Who a request came from, for rate limits and throttling. X-Forwarded-For is believed only when the direct peer is
// one of TRUSTED_PROXIES (comma-separated IPs and CIDRs; none by default), since anyone can send the header.
// The dashboard and shop-api read the setting the same way, through this module.
import { BlockList, isIP } from "node:net";

export type TrustedProxies = { check(address: string): boolean };

const NOBODY: TrustedProxies = { check: () => false };

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) as `10.0.0.1`. */
function plain(address: string): string {
  const trimmed = address.trim();
  return trimmed.toLowerCase().startsWith("::ffff:") && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
}

/** Parses TRUSTED_PROXIES; throws naming the first entry that is neither an IP address nor a CIDR range. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const entries = (value ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  if (entries.length === 0) return NOBODY;
  const list = new BlockList();
  for (const entry of entries) {
    const [address = "", prefix, extra] = entry.split("/");
    const family = isIP(address);
    const bits = prefix === undefined ? undefined : Number(prefix);
    const maxBits = family === 4 ? 32 : 128;
    if (!family || extra !== undefined || (bits !== undefined && !(Number.isInteger(bits) && bits >= 0 && bits <= maxBits && prefix !== ""))) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or a CIDR range (like 10.0.0.0/8)`);
    }
    const type = family === 4 ? "ipv4" : "ipv6";
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, bits, type);
  }
  return {
    check: (candidate) => {
      const address = plain(candidate);
      const family = isIP(address);
      return family !== 0 && list.check(address, family === 4 ? "ipv4" : "ipv6");
    },
  };
}

/**
 * The client's address: the peer's own, unless the peer is a trusted proxy; then the nearest X-Forwarded-For hop
 * that is not itself a trusted proxy (hops further left could be made up by the client).
 */
export function clientAddress(peer: string, forwardedFor: string | string[] | undefined, trusted: TrustedProxies): string {
  const direct = plain(peer);
  if (!trusted.check(direct) || !forwardedFor) return direct;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor).split(",").map(plain).filter(Boolean);
  let client = direct;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (!isIP(hop)) break;
    client = hop;
    if (!trusted.check(hop)) break;
  }
  return client;
}
