// Secrets at rest (merchants' code-upload keys): AES-256-GCM under the master key. Each box is bound to what it
// belongs to (its associated data, e.g. the store's id), so a box copied onto another store's row does not open.
//
// Layout: version (1 byte) | key id (8) | nonce (12) | tag (16) | ciphertext.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

const VERSION = 1;
const KEY_ID_BYTES = 8;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + KEY_ID_BYTES + NONCE_BYTES + TAG_BYTES;

/** Names a master key without revealing it: the first bytes of its sha256. */
export function keyId(key: Buffer): Buffer {
  return createHash("sha256").update(key).digest().subarray(0, KEY_ID_BYTES);
}

export class SealedWithOtherKeyError extends Error {
  constructor(readonly sealedWith: string) {
    super(`This secret was sealed with another master key (id ${sealedWith}): set KAIDIAN_MASTER_KEY to that key, or enter the secret again.`);
  }
}

export function seal(plaintext: Buffer, key: Buffer, associatedData: string): Buffer {
  assertKey(key);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.of(VERSION), keyId(key), nonce, cipher.getAuthTag(), ciphertext]);
}

/** The plaintext; throws when the box was sealed with another key or for something else, or was altered. */
export function open(box: Uint8Array, key: Buffer, associatedData: string): Buffer {
  assertKey(key);
  const sealed = Buffer.from(box);
  if (sealed.length < HEADER_BYTES || sealed[0] !== VERSION) throw new Error("Not a sealed secret (unknown format)");
  const sealedWith = sealed.subarray(1, 1 + KEY_ID_BYTES);
  if (!sealedWith.equals(keyId(key))) throw new SealedWithOtherKeyError(sealedWith.toString("hex"));
  const nonce = sealed.subarray(1 + KEY_ID_BYTES, 1 + KEY_ID_BYTES + NONCE_BYTES);
  const tag = sealed.subarray(1 + KEY_ID_BYTES + NONCE_BYTES, HEADER_BYTES);
  const decipher = createDecipheriv("aes-256-gcm", key, nonce);
  decipher.setAAD(Buffer.from(associatedData, "utf8"));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(sealed.subarray(HEADER_BYTES)), decipher.final()]);
  } catch {
    throw new Error("A sealed secret failed its integrity check: it was altered or belongs to another record");
  }
}

function assertKey(key: Buffer): void {
  if (key.length !== 32) throw new Error("The master key must be 32 bytes");
}
