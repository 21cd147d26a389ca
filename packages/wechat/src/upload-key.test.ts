import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { testUploadKey } from "./testing/upload-keys";
import { checkUploadKey, UPLOAD_KEY_MAX_BYTES } from "./upload-key";

describe("checkUploadKey", () => {
  it("accepts WeChat's PKCS#1 key and the same key as PKCS#8, naming both by one fingerprint", () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
    const pkcs1 = privateKey.export({ type: "pkcs1", format: "pem" }).toString();
    const pkcs8 = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const first = checkUploadKey(`\n${pkcs1}\n`);
    expect(first.pem).toBe(pkcs1);
    expect(first.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(checkUploadKey(pkcs8)).toEqual(first);
  });

  it("gives different keys different fingerprints", () => {
    expect(checkUploadKey(testUploadKey().privateKey).fingerprint).not.toBe(checkUploadKey(testUploadKey().privateKey).fingerprint);
  });

  it.each([
    ["nothing", "   ", "wechat.key.empty"],
    ["the public half", testUploadKey().publicKey, "wechat.key.publicKey"],
    ["a passphrase-protected key", generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "x" }).toString(), "wechat.key.encrypted"],
    ["an elliptic-curve key", generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }).toString(), "wechat.key.notRsa"],
    ["a truncated key", `${testUploadKey().privateKey.slice(0, 600)}\n-----END RSA PRIVATE KEY-----`, "wechat.key.unreadable"],
    ["a text file", "appid: wx0123456789abcdef", "wechat.key.unreadable"],
    ["a huge file", "x".repeat(UPLOAD_KEY_MAX_BYTES + 1), "wechat.key.tooLarge"],
  ])("refuses %s", (_, text, code) => {
    expect(() => checkUploadKey(text)).toThrow(expect.objectContaining({ code }));
  });
});
