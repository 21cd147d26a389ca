// A secret made once and kept in the data directory (mode 600), for machines that are not a public deployment:
// whichever process needs it first writes it, every later one (and every restart) reads the same.
import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The secret's text and whether this call made it. `encode` turns fresh random bytes into the stored text. */
export function dataDirSecret(
  dataDir: string,
  file: string,
  options: { bytes: number; encode: (bytes: Buffer) => string },
): { value: string; file: string; created: boolean } {
  const target = path.join(dataDir, file);
  mkdirSync(dataDir, { recursive: true });
  // Written whole under a name of its own, then linked into place: a process starting at the same moment finds either
  // no file or the whole secret, never one still being written.
  const written = `${target}.${process.pid}.${randomBytes(6).toString("hex")}`;
  writeFileSync(written, options.encode(randomBytes(options.bytes)), { mode: 0o600, flag: "wx" });
  let created = true;
  try {
    linkSync(written, target);
  } catch (error) {
    // Another process (or an earlier start) wrote it first: use that one.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    created = false;
  } finally {
    rmSync(written, { force: true });
  }
  return { value: readFileSync(target, "utf8").trim(), file: target, created };
}
