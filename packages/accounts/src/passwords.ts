import { hash, verify } from "@node-rs/argon2";

// Argon2id with OWASP's 2024 baseline (19 MiB, 2 passes); parameters are stored in each hash, so raising them
// later only affects new hashes.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

// Checked against when the email is unknown, so a sign-in takes as long whether or not the account exists.
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword("decoy password that matches nothing");
  return decoyHash;
}
