// miniprogram-ci's messages as real users have reported them (and as it formats them: see ci/hand-over.test.ts for
// the ones the fake service makes it produce).
import { describe, expect, it } from "vitest";
import { describeCiFailure } from "./failures";

const wechat = (body: object, code = 20003) => ({ ok: false as const, code, message: `Error: ${JSON.stringify(body)}` });

describe("describeCiFailure", () => {
  it.each([
    ["invalid ip: 101.32.177.136, reference: https://developers.weixin.qq.com/miniprogram/dev/devtools/ci.html", "101.32.177.136"],
    ["invalid ip: 112.51.227.113", "112.51.227.113"],
    ["invalid ip: 2408:820c:8f3a:1a0::e6a", "2408:820c:8f3a:1a0::e6a"],
  ])("reads the refused address out of -10008 (%s)", (errMsg, ip) => {
    expect(describeCiFailure(wechat({ errCode: -10008, errMsg }))).toEqual({
      code: "wechat.ipNotWhitelisted",
      transient: false,
      params: { ip, wechatCode: -10008, detail: errMsg },
    });
  });

  it.each([
    "invalid signature",
    "signature verify fail, please check your private key",
  ])("takes -10008 with a signature message (%s) for a key that does not match, not an address off the whitelist", (errMsg) => {
    expect(describeCiFailure(wechat({ errCode: -10008, errMsg }))).toMatchObject({ code: "wechat.keyMismatch", transient: false, params: { wechatCode: -10008 } });
    expect(describeCiFailure({ ok: false, code: 20001, message: `Error: errCode: -10008; errMsg: ${errMsg}` }).code).toBe("wechat.keyMismatch");
  });

  it("reads -10008 from the first request too, which miniprogram-ci words differently", () => {
    const failure = describeCiFailure({ ok: false, code: 20001, message: "Error: errCode: -10008; errMsg: invalid ip: 1.2.3.4" });
    expect(failure).toMatchObject({ code: "wechat.ipNotWhitelisted", params: { ip: "1.2.3.4" } });
  });

  it.each([
    [{ errCode: 80051, errMsg: "source size 2169KB exceed max limit 2MB" }, {}],
    [{ errCode: 80200, errMsg: "main package source size 2580KB exceed max limit 2048KB" }, { part: "main" }],
    [{ errCode: -1, errMsg: "inner upload fail with errcode: 80051, errmsg: subpackage [packageA] source size 2300KB exceed max limit 2MB" }, { part: "packageA", wechatCode: 80051 }],
  ])("says a package is too large, and which part when WeChat names it (%j)", (body, params) => {
    const failure = describeCiFailure(wechat(body));
    expect(failure.code).toBe("wechat.packageTooLarge");
    expect(failure.transient).toBe(false);
    expect(failure.params).toMatchObject(params);
  });

  it("takes a signature WeChat cannot verify, and a key miniprogram-ci could not sign with, for a key that does not match", () => {
    expect(describeCiFailure(wechat({ errCode: -1, errMsg: "get new ticket fail innerCode: -80011" })).code).toBe("wechat.keyMismatch");
    expect(
      describeCiFailure({ ok: false, code: 20002, message: "generate local signature fail. Usually this happens the content or encoding of private key file is incorrect. Detail: Error: error:1E08010C:DECODER routines::unsupported" }),
    ).toMatchObject({ code: "wechat.keyMismatch", transient: false });
  });

  it.each([
    ["Error: read ECONNRESET", "wechat.network"],
    ["Error: connect ECONNREFUSED 127.0.0.1:443", "wechat.network"],
    ["Error: getaddrinfo ENOTFOUND servicewechat.com", "wechat.network"],
    ["Error: tunneling socket could not be established, cause=socket hang up", "wechat.network"],
    [`SyntaxError: Unexpected token '<', "<html>502 "... is not valid JSON`, "wechat.unavailable"],
  ])("retries what the network or WeChat's gateway did (%s)", (message, code) => {
    expect(describeCiFailure({ ok: false, code: 20003, message })).toMatchObject({ code, transient: true });
  });

  it("keeps WeChat's code and text for anything else, without retrying", () => {
    expect(describeCiFailure(wechat({ errCode: 40013, errMsg: "invalid appid" }))).toEqual({
      code: "wechat.rejected",
      transient: false,
      params: { wechatCode: 40013, detail: "invalid appid" },
    });
  });
});
