import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { PaymentsNotSetUpError, paymentAccount, serviceProviderSchema, storePaymentSettingsSchema, wechatpayConnection } from "./index";

const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const pemPrivate = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const pemPublic = publicKey.export({ type: "spki", format: "pem" }).toString();
const direct = {
  mode: "direct",
  mchid: "1900000109",
  privateKey: pemPrivate,
  certificateSerial: "5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
  apiV3Key: "0123456789abcdefghijklmnopqrstuv",
  wechatpayKeys: [{ serial: "PUB_KEY_ID_0114232134912410000000000000", publicKey: pemPublic }],
};
const issuesOf = (value: unknown) => {
  const parsed = storePaymentSettingsSchema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
};

describe("a store's payment settings", () => {
  it("take a direct merchant's ids and keys, or a sub-merchant id", () => {
    expect(issuesOf(direct)).toEqual([]);
    expect(issuesOf({ mode: "partner", subMchid: "1900000110" })).toEqual([]);
  });

  it("say which field is wrong, in keys the dashboard translates", () => {
    expect(issuesOf({ ...direct, mchid: "19000x" })).toEqual(["mchid: payments.mchid.invalid"]);
    expect(issuesOf({ ...direct, privateKey: pemPublic })).toEqual(["privateKey: payments.privateKey.invalid"]);
    expect(issuesOf({ ...direct, apiV3Key: "short" })).toEqual(["apiV3Key: payments.apiV3Key.invalid"]);
    expect(issuesOf({ ...direct, certificateSerial: "not hex" })).toEqual(["certificateSerial: payments.certificateSerial.invalid"]);
    expect(issuesOf({ ...direct, wechatpayKeys: [] })).toEqual(["wechatpayKeys: payments.wechatpayKey.required"]);
    expect(issuesOf({ ...direct, wechatpayKeys: [{ serial: "PUB_KEY_ID_1", publicKey: "-----BEGIN PUBLIC KEY-----\nxx\n-----END PUBLIC KEY-----" }] })).toEqual(["wechatpayKeys.0.publicKey: payments.wechatpayKey.invalid"]);
    expect(issuesOf({ mode: "partner", subMchid: "" })).toEqual(["subMchid: payments.mchid.invalid"]);
  });

  it("make a sub-merchant's account from the platform's provider account, and say when there is none", () => {
    const provider = serviceProviderSchema.parse({ ...direct, mode: undefined, spAppid: "wx1234567890abcdef" });
    expect(paymentAccount({ mode: "partner", subMchid: "1900000110" }, "wxfedcba0987654321", provider)).toMatchObject({
      mode: "partner",
      spAppid: "wx1234567890abcdef",
      subAppid: "wxfedcba0987654321",
      subMchid: "1900000110",
      merchant: { mchid: "1900000109" },
    });
    expect(() => paymentAccount({ mode: "partner", subMchid: "1900000110" }, "wxfedcba0987654321")).toThrow(PaymentsNotSetUpError);
  });
});

describe("the connection to WeChat Pay", () => {
  it("defaults to WeChat Pay's host and takes another base URL", () => {
    expect(wechatpayConnection({})).toMatchObject({ baseUrl: "https://api.mch.weixin.qq.com", timeoutMs: 10_000 });
    expect(wechatpayConnection({ WECHATPAY_API_BASE: "http://127.0.0.1:4100" }).baseUrl).toBe("http://127.0.0.1:4100");
    expect(() => wechatpayConnection({ WECHATPAY_API_BASE: "ftp://x" })).toThrow("WECHATPAY_API_BASE");
  });
});
