import "server-only";
// The dashboard's signing secret (KAIDIAN_SECRET). Without it on a machine that is not a public deployment, one is
// made once and kept beside the database's data, so links signed with it survive restarts.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

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
  cached = storedSecret(path.resolve(env.KAIDIAN_DATA_DIR ?? ".data"));
  return cached;
}

/** The secret kept in the data directory, written (mode 600) by whichever process needs it first. */
function storedSecret(dataDir: string): Buffer {
  const file = path.join(dataDir, FILE);
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(file, randomBytes(48).toString("base64url"), { mode: 0o600, flag: "wx" });
  } catch (error) {
    // Another process (or an earlier start) wrote it first: use that one.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const secret = readFileSync(file, "utf8").trim();
  if (secret.length < MIN_LENGTH) throw new Error(`${file} holds no usable secret: delete it and it is made again.`);
  return Buffer.from(secret, "utf8");
}
