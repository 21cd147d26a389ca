import { describe, expect, it } from "vitest";
import { redact } from "./build-record";

describe("what a build's log may show", () => {
  it("drops a key that found its way into a line, a proxy's credentials and terminal colours", () => {
    expect(redact("signing with -----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY----- done")).toBe("signing with [key removed] done");
    expect(redact("[info] miniprogram-ci is using proxy: http://egress:s3cret@proxy.internal:3128")).toBe(
      "[info] miniprogram-ci is using proxy: http://***:***@proxy.internal:3128",
    );
    expect(redact("\u001b[34m[info]\u001b[39m upload zip buffer size:  \u001b[33m87774\u001b[39m")).toBe("[info] upload zip buffer size:  87774");
    expect(redact("stored tenants/7a1d/packages/abc.zip (93027 bytes)")).toBe("stored tenants/7a1d/packages/abc.zip (93027 bytes)");
  });

  it("drops the start of a key even when the line was cut before its end", () => {
    expect(redact("detail: -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC")).toBe("detail: [key removed]");
  });
});
