import { describe, expect, it } from "vitest";
import { clientAddress, parseTrustedProxies } from "./client-address";

describe("the client's address", () => {
  it("is the peer's own when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress("198.51.100.1", "203.0.113.7", parseTrustedProxies(undefined))).toBe("198.51.100.1");
    expect(clientAddress("::ffff:198.51.100.1", undefined, parseTrustedProxies(""))).toBe("198.51.100.1");
  });

  it("is the nearest untrusted hop when the peer is a trusted proxy", () => {
    const trusted = parseTrustedProxies("10.0.0.0/8, 192.0.2.1, fd00::/8");
    expect(clientAddress("10.1.2.3", "203.0.113.7", trusted)).toBe("203.0.113.7");
    // The client made up the leftmost hop; the load balancer appended the real one.
    expect(clientAddress("10.1.2.3", "1.1.1.1, 203.0.113.7, 192.0.2.1", trusted)).toBe("203.0.113.7");
    expect(clientAddress("fd00::5", "2001:db8::1", trusted)).toBe("2001:db8::1");
    expect(clientAddress("10.1.2.3", "junk, 203.0.113.7", trusted)).toBe("203.0.113.7");
    expect(clientAddress("198.51.100.1", "203.0.113.7", trusted)).toBe("198.51.100.1");
  });

  it("refuses a TRUSTED_PROXIES entry that is not an address or range, naming it", () => {
    for (const entry of ["10.0.0.0/33", "proxy.internal", "10.0.0.1/8/2", "10.0.0.0/"]) {
      expect(() => parseTrustedProxies(`127.0.0.1,${entry}`)).toThrow(entry);
    }
  });
});
