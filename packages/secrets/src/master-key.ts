// The master key that seals secrets at rest (KAIDIAN_MASTER_KEY: 32 random bytes, base64). Without it on a machine
// that is not a public deployment, one is made once in the data directory; losing it makes every sealed secret
// unreadable, so it is backed up with the database.
import path from "node:path";
import { dataDirSecret } from "./data-dir-secret";

const FILE = "master-key";

export type MasterKey = {
  key: Buffer;
  /** Where it came from, for the start-up line: never the key itself. */
  source: "environment" | { file: string; created: boolean };
};

export class MissingMasterKeyError extends Error {
  constructor() {
    super("KAIDIAN_MASTER_KEY is not set. A public deployment (NODE_ENV=production with PUBLIC_URL) must set it to 32 random bytes in base64 (`openssl rand -base64 32`); upload keys are sealed with it.");
  }
}

export function masterKey(env: Record<string, string | undefined> = process.env): MasterKey {
  const configured = env.KAIDIAN_MASTER_KEY?.trim();
  if (configured) return { key: decode(configured, "KAIDIAN_MASTER_KEY"), source: "environment" };
  if (env.NODE_ENV === "production" && env.PUBLIC_URL) throw new MissingMasterKeyError();
  const stored = dataDirSecret(path.resolve(env.KAIDIAN_DATA_DIR ?? ".data"), FILE, {
    bytes: 32,
    encode: (bytes) => bytes.toString("base64"),
  });
  return { key: decode(stored.value, stored.file), source: { file: stored.file, created: stored.created } };
}

function decode(text: string, where: string): Buffer {
  const key = Buffer.from(text, "base64");
  if (key.length !== 32 || key.toString("base64") !== text.replace(/\s/g, "")) {
    throw new Error(`${where} must hold 32 bytes in base64 (44 characters, e.g. from \`openssl rand -base64 32\`)`);
  }
  return key;
}
