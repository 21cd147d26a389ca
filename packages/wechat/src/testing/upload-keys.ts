// A code-upload key pair of the kind WeChat hands out (RSA, PKCS#1 PEM), made fresh for a test.
import { generateKeyPairSync } from "node:crypto";

export function testUploadKey(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    privateKey: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
    publicKey: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}
