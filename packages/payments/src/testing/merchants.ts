// Merchant accounts for tests: a fresh API key pair, certificate serial and APIv3 key, registered at the fake
// WeChat Pay, with the settings the product is given for them.
import { generateKeyPairSync, randomBytes, randomInt } from "node:crypto";
import type { MerchantKeys } from "../settings";
import type { FakeMerchant, FakeSubMerchant } from "./fake-wechat-pay";

type WechatpayKeys = { publicKey: { serial: string; publicKey: string }; platformCertificate: { serial: string; publicKey: string } };

export function testAppid(): string {
  return `wx${randomBytes(8).toString("hex")}`;
}

export function testMchid(): string {
  return String(randomInt(1_600_000_000, 1_999_999_999));
}

/** A merchant account: what the fake holds for it, and the keys the product is configured with. */
export function testMerchant(
  wechatpayKeys: WechatpayKeys,
  options: { appids?: string[]; subMerchants?: FakeSubMerchant[]; verifyWith?: "publicKey" | "platformCertificate" | "both" } = {},
): { registration: FakeMerchant; keys: MerchantKeys } {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const mchid = testMchid();
  const serial = randomBytes(20).toString("hex").toUpperCase();
  // 32 printable characters, as the merchant platform lets a merchant set.
  const apiV3Key = randomBytes(24).toString("base64").replace(/[+/]/g, "x");
  const verifyWith = options.verifyWith ?? "publicKey";
  return {
    registration: {
      mchid,
      serial,
      publicKey: publicKey.export({ type: "spki", format: "pem" }).toString(),
      apiV3Key,
      appids: options.appids ?? [],
      ...(options.subMerchants ? { subMerchants: options.subMerchants } : {}),
    },
    keys: {
      mchid,
      privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      certificateSerial: serial,
      apiV3Key,
      wechatpayKeys: verifyWith === "both" ? [wechatpayKeys.publicKey, wechatpayKeys.platformCertificate] : [wechatpayKeys[verifyWith]],
    },
  };
}
