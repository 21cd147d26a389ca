import "server-only";
// The dashboard's signing secret (KAIDIAN_SECRET). Without it on a machine that is not a public deployment, one is
// made once and kept beside the database's data, so links signed with it survive restarts.
import path from "node:path";
import { dataDirSecret } from "@kaidian/secrets";

const MIN_LENGTH = 32;
const FILE = "kaidian-secret";

export class MissingSecretError extends Error {
  constructor() {
    super(`KAIDIAN_SECRET is not set. A public deployment (NODE_ENV=production with PUBLIC_URL) must set it to a random string of at least ${MIN_LENGTH} characters (e.g. \`openssl rand -base64 48\`); phone preview links are signed with it.`);
  }
}

let cached: Buffer | undefined;

export function kaidianSecret(env: NodeJS.ProcessEnv = process.env): Buffer {
  if (cached) return cached;
  const configured = env.KAIDIAN_SECRET;
  if (configured !== undefined && configured !== "") {
    if (configured.length < MIN_LENGTH) throw new Error(`KAIDIAN_SECRET is too short: use at least ${MIN_LENGTH} random characters.`);
    cached = Buffer.from(configured, "utf8");
    return cached;
  }
  if (env.NODE_ENV === "production" && env.PUBLIC_URL) throw new MissingSecretError();
  const stored = dataDirSecret(path.resolve(env.KAIDIAN_DATA_DIR ?? ".data"), FILE, {
    bytes: 48,
    encode: (bytes) => bytes.toString("base64url"),
  });
  if (stored.value.length < MIN_LENGTH) throw new Error(`${stored.file} holds no usable secret: delete it and it is made again.`);
  cached = Buffer.from(stored.value, "utf8");
  return cached;
}
