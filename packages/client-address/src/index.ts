// Who is on the other end of a request: the client's address (for throttles and the audit log) and whether it
// came over https (for Secure cookies). Forwarding headers are anyone's to send, so they are believed only when
// the connection itself comes from a proxy named in TRUSTED_PROXIES; otherwise the socket's peer is the client.
// Framework-free, so the dashboard's server wrapper and shop-api apply one rule.
import type { IncomingMessage } from "node:http";
import { BlockList, isIP } from "node:net";

export class TrustedProxiesError extends Error {}

/** Proxies whose forwarding headers are believed: IPs and CIDRs, comma-separated. Empty (the default) trusts none. */
export type TrustedProxies = { readonly list: BlockList; readonly empty: boolean };

/** An IPv4 address in IPv6 clothing (a dual-stack socket's `::ffff:10.0.0.1`) is that IPv4 address. */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped ? mapped[1]! : trimmed;
}

export function parseTrustedProxies(setting: string | undefined): TrustedProxies {
  const list = new BlockList();
  const entries = (setting ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address = "", prefix, extra] = entry.split("/");
    const family = isIP(normalizeAddress(address));
    const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
    if (!family || extra !== undefined || !Number.isInteger(bits) || bits < 0 || bits > (family === 6 ? 128 : 32) || prefix === "") {
      throw new TrustedProxiesError(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range (e.g. 10.0.0.0/8, 192.168.1.10, fd00::/8)`);
    }
    list.addSubnet(normalizeAddress(address), bits, family === 6 ? "ipv6" : "ipv4");
  }
  return { list, empty: entries.length === 0 };
}

function isTrusted(proxies: TrustedProxies, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && !proxies.empty && proxies.list.check(address, family === 6 ? "ipv6" : "ipv4");
}

export type Connection = {
  /** The socket's remote address: the only part of a request the client cannot choose. */
  peer: string | undefined;
  /** Whether the socket itself is TLS. */
  encrypted: boolean;
  forwardedFor?: string | string[];
  forwardedProto?: string | string[];
};

export type Client = { address: string; https: boolean };

const joined = (header: string | string[] | undefined) => (Array.isArray(header) ? header.join(",") : (header ?? ""));

/**
 * The client of a connection. From an untrusted peer: the peer, over the socket's own protocol. From a trusted
 * proxy: walking X-Forwarded-For from the right (each proxy appends the address it saw), the first address that is
 * not itself a trusted proxy; the protocol is the nearest proxy's X-Forwarded-Proto. A hop that is not an address
 * ends the walk at the proxy that passed it on.
 */
export function clientOf(connection: Connection, proxies: TrustedProxies): Client {
  const peer = normalizeAddress(connection.peer ?? "");
  if (!isTrusted(proxies, peer)) return { address: peer || "unknown", https: connection.encrypted };
  let client = peer;
  const hops = joined(connection.forwardedFor).split(",").map(normalizeAddress).filter(Boolean);
  for (const hop of hops.reverse()) {
    if (!isIP(hop)) break;
    client = hop;
    if (!isTrusted(proxies, hop)) break;
  }
  const proto = joined(connection.forwardedProto).split(",").at(-1)?.trim().toLowerCase();
  return { address: client, https: proto ? proto === "https" : connection.encrypted };
}

/**
 * Settles the client of an incoming request and writes the answer over its X-Forwarded-For (the one address) and
 * X-Forwarded-Proto, so that nothing downstream can read what the client sent in them.
 */
export function settleClient(request: IncomingMessage, proxies: TrustedProxies): Client {
  const client = clientOf(
    {
      peer: request.socket.remoteAddress,
      encrypted: "encrypted" in request.socket,
      forwardedFor: request.headers["x-forwarded-for"],
      forwardedProto: request.headers["x-forwarded-proto"],
    },
    proxies,
  );
  request.headers["x-forwarded-for"] = client.address;
  request.headers["x-forwarded-proto"] = client.https ? "https" : "http";
  return client;
}

// The dashboard's server wrapper resolves the client before Next runs and rewrites the forwarding headers with
// the answer; code inside Next asks this process-wide mark before believing them, so a server started without the
// wrapper (next dev) never takes a client's headers for the truth.
const RESOLVED = Symbol.for("kaidian.client-address.resolved");

export function markClientResolved(): void {
  (globalThis as Record<symbol, unknown>)[RESOLVED] = true;
}

export function clientResolved(): boolean {
  return (globalThis as Record<symbol, unknown>)[RESOLVED] === true;
}
