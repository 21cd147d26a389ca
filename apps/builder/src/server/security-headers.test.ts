import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, runsRuntimePreview } from "./security-headers";

const directives = (policy: string) => new Map(policy.split("; ").map((part) => [part.split(" ")[0]!, part]));

describe("the dashboard's content security policy", () => {
  it("allows scripts only by this request's nonce and what they load, never inline, and no framing", () => {
    const policy = directives(contentSecurityPolicy({ nonce: "abc123", preview: false, development: false, https: false }));
    expect(policy.get("script-src")).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy.get("frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(policy.get("object-src")).toBe("object-src 'none'");
    expect(policy.has("upgrade-insecure-requests")).toBe(false);
  });

  it("lets only the pages that render the Mini Program runtime evaluate its code", () => {
    for (const path of ["/sign-up", "/stores/new", "/agency", "/agency/publish", "/p/abc.def", "/stores/shop/design", "/stores/shop/template"]) {
      expect(runsRuntimePreview(path), path).toBe(true);
    }
    for (const path of ["/sign-in", "/stores/shop", "/stores/shop/catalog", "/stores/shop/wechat", "/stores/shop/settings", "/stores/design", "/q/x/ABC234", "/sign-upx"]) {
      expect(runsRuntimePreview(path), path).toBe(false);
    }
    expect(contentSecurityPolicy({ nonce: "n", preview: true, development: false, https: false })).toContain("'strict-dynamic' 'unsafe-eval';");
  });

  it("upgrades sub-resources only over https, and never repeats a nonce", () => {
    expect(contentSecurityPolicy({ nonce: "n", preview: false, development: false, https: true })).toMatch(/; upgrade-insecure-requests$/);
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});
