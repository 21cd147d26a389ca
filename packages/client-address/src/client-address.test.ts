import { describe, expect, it } from "vitest";
import { clientOf, parseTrustedProxies, TrustedProxiesError } from "./index";

const none = parseTrustedProxies(undefined);
const lb = parseTrustedProxies("10.0.0.0/8, 192.168.1.10, fd00::/8");

describe("the client of a request", () => {
  it("is the socket's peer when no proxy is trusted, whatever the headers say", () => {
    expect(clientOf({ peer: "203.0.113.7", encrypted: false, forwardedFor: "1.2.3.4", forwardedProto: "https" }, none)).toEqual({ address: "203.0.113.7", https: false });
  });

  it("is the peer when the peer is not one of the trusted proxies", () => {
    expect(clientOf({ peer: "::ffff:203.0.113.7", encrypted: false, forwardedFor: "1.2.3.4", forwardedProto: "https" }, lb)).toEqual({ address: "203.0.113.7", https: false });
  });

  it("is the rightmost forwarded address that is not a trusted proxy, when a trusted proxy connects", () => {
    const client = clientOf({ peer: "::ffff:10.1.2.3", encrypted: false, forwardedFor: ["6.6.6.6, 198.51.100.4", "192.168.1.10"], forwardedProto: "http, https" }, lb);
    expect(client).toEqual({ address: "198.51.100.4", https: true });
  });

  it("stops at a hop that is not an address, taking the proxy that passed it on", () => {
    expect(clientOf({ peer: "10.0.0.2", encrypted: false, forwardedFor: "1.2.3.4, <script>, 10.0.0.9" }, lb).address).toBe("10.0.0.9");
  });

  it("is the nearest proxy when every hop is a trusted proxy or there is no header", () => {
    expect(clientOf({ peer: "10.0.0.2", encrypted: true }, lb)).toEqual({ address: "10.0.0.2", https: true });
    expect(clientOf({ peer: "fd00::1", encrypted: false, forwardedFor: "10.9.9.9" }, lb).address).toBe("10.9.9.9");
  });

  it("refuses a setting that is not a list of addresses and ranges, naming the entry", () => {
    for (const setting of ["10.0.0.0/33", "proxy.internal", "10.0.0.1/", "::1/129", "1.2.3.4/8/9"]) {
      expect(() => parseTrustedProxies(setting), setting).toThrow(TrustedProxiesError);
    }
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/"10.0.0.0\/33"/);
  });
});
