import { randomBytes } from "node:crypto";
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { masterKey, MissingMasterKeyError, open, seal, SealedWithOtherKeyError } from "./index";

const key = randomBytes(32);
const secret = Buffer.from("-----BEGIN RSA PRIVATE KEY-----\nMIIE…\n-----END RSA PRIVATE KEY-----\n");

const execFileAsync = promisify(execFile);

describe("sealed secrets", () => {
  it("opens what it sealed, and the box never contains the secret", () => {
    const box = seal(secret, key, "store-a");
    expect(open(box, key, "store-a")).toEqual(secret);
    expect(box.includes(Buffer.from("PRIVATE KEY"))).toBe(false);
    expect(seal(secret, key, "store-a")).not.toEqual(box);
  });

  it("does not open for another store, nor after a single byte changed", () => {
    const box = seal(secret, key, "store-a");
    expect(() => open(box, key, "store-b")).toThrow(/integrity/);
    const altered = Buffer.from(box);
    altered[altered.length - 1]! ^= 1;
    expect(() => open(altered, key, "store-a")).toThrow(/integrity/);
  });

  it("says when the box was sealed with another master key", () => {
    const box = seal(secret, key, "store-a");
    expect(() => open(box, randomBytes(32), "store-a")).toThrow(SealedWithOtherKeyError);
  });
});

describe("the master key", () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it("is made once in the data directory, readable only by its owner, and the same on every later start", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "kaidian-master-"));
    dirs.push(dataDir);
    const first = masterKey({ KAIDIAN_DATA_DIR: dataDir });
    expect(first.source).toEqual({ file: path.join(dataDir, "master-key"), created: true });
    expect((await stat(path.join(dataDir, "master-key"))).mode & 0o777).toBe(0o600);
    const again = masterKey({ KAIDIAN_DATA_DIR: dataDir });
    expect(again.source).toEqual({ file: path.join(dataDir, "master-key"), created: false });
    expect(again.key).toEqual(first.key);
    expect(Buffer.from((await readFile(path.join(dataDir, "master-key"), "utf8")).trim(), "base64")).toEqual(first.key);
  });

  it("is the same whole key for processes that all start at once on a fresh data directory", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "kaidian-master-"));
    dirs.push(dataDir);
    const script = `import { masterKey } from ${JSON.stringify(path.join(import.meta.dirname, "master-key.ts"))}; process.stdout.write(masterKey({ KAIDIAN_DATA_DIR: ${JSON.stringify(dataDir)} }).key.toString("base64"));`;
    const starts = Array.from({ length: 8 }, () => execFileAsync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script]));
    const keys = (await Promise.all(starts)).map(({ stdout }) => stdout);
    expect(new Set(keys).size).toBe(1);
    expect(Buffer.from(keys[0]!, "base64")).toHaveLength(32);
    expect((await readdir(dataDir)).sort()).toEqual(["master-key"]);
  }, 60_000);

  it("comes from KAIDIAN_MASTER_KEY when set, and must be 32 bytes of base64", () => {
    const configured = randomBytes(32).toString("base64");
    expect(masterKey({ KAIDIAN_MASTER_KEY: configured })).toEqual({ key: Buffer.from(configured, "base64"), source: "environment" });
    expect(() => masterKey({ KAIDIAN_MASTER_KEY: "too-short" })).toThrow(/32 bytes in base64/);
  });

  it("must be set on a public deployment", () => {
    expect(() => masterKey({ NODE_ENV: "production", PUBLIC_URL: "https://shop.example.com" })).toThrow(MissingMasterKeyError);
  });
});
