// The code-upload private key a Mini Program's admin downloads from WeChat (private.<appid>.key). Checked the way
// miniprogram-ci will use it, signing with RSA PKCS#1 v1.5, so a bad key is refused when it is entered and again
// before any upload touches the network.
import { createHash, createPrivateKey, createPublicKey, constants, privateEncrypt, type KeyObject } from "node:crypto";

/** A key file is about 1-3 KB; anything much larger is not one. */
export const UPLOAD_KEY_MAX_BYTES = 16 * 1024;

export type UploadKeyProblem =
  | "wechat.key.empty"
  | "wechat.key.tooLarge"
  | "wechat.key.publicKey"
  | "wechat.key.encrypted"
  | "wechat.key.unreadable"
  | "wechat.key.notRsa"
  | "wechat.key.cannotSign";

export class UploadKeyError extends Error {
  constructor(readonly code: UploadKeyProblem) {
    super(`The code-upload key is not usable: ${code}`);
  }
}

export type CheckedUploadKey = {
  /** The key as PKCS#1 PEM, the form WeChat hands out. */
  pem: string;
  /** `SHA256:` and the base64 sha256 of the public key, as `ssh-keygen -l` prints: names the key, reveals nothing. */
  fingerprint: string;
};

export function checkUploadKey(text: string): CheckedUploadKey {
  const trimmed = text.trim();
  if (!trimmed) throw new UploadKeyError("wechat.key.empty");
  if (Buffer.byteLength(trimmed) > UPLOAD_KEY_MAX_BYTES) throw new UploadKeyError("wechat.key.tooLarge");
  if (/-----BEGIN (RSA )?PUBLIC KEY-----|-----BEGIN CERTIFICATE-----/.test(trimmed)) throw new UploadKeyError("wechat.key.publicKey");
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(trimmed)) throw new UploadKeyError("wechat.key.encrypted");
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: trimmed, format: "pem" });
  } catch {
    throw new UploadKeyError("wechat.key.unreadable");
  }
  if (key.asymmetricKeyType !== "rsa") throw new UploadKeyError("wechat.key.notRsa");
  try {
    privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.from('{"appid":"check"}'));
  } catch {
    throw new UploadKeyError("wechat.key.cannotSign");
  }
  const publicDer = createPublicKey(key).export({ type: "spki", format: "der" });
  return {
    pem: key.export({ type: "pkcs1", format: "pem" }).toString(),
    fingerprint: `SHA256:${createHash("sha256").update(publicDer).digest("base64").replace(/=+$/, "")}`,
  };
}
