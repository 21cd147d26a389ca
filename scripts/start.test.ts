import { spawnSync } from "node:child_process";
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, testDatabaseUrl } from "@kaidian/db/testing";

const root = path.resolve(import.meta.dirname, "..");
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

async function freshDatabaseUrl() {
  const name = `kaidian_start_${Date.now()}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  cleanups.push(async () => {
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  });
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

describe("npm start", () => {
  it("stops on a failing migration, naming it with the database's error, before building or serving", async () => {
    const migrations = await mkdtemp(path.join(os.tmpdir(), "kaidian-start-migrations-"));
    cleanups.push(() => rm(migrations, { recursive: true, force: true }));
    await cp(path.join(root, "prisma/migrations"), migrations, { recursive: true });
    await mkdir(path.join(migrations, "20991231000000_add_table_numbers"));
    await writeFile(path.join(migrations, "20991231000000_add_table_numbers/migration.sql"), "ALTER TABLE dining_tables ADD COLUMN seats int;");

    const start = spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: await freshDatabaseUrl(), KAIDIAN_MIGRATIONS_DIR: migrations, PORT: String(await freePort()) },
      encoding: "utf8",
      timeout: 120_000,
    });

    expect(start.status).toBe(1);
    expect(start.stderr).toContain("Start stopped: Migration 20991231000000_add_table_numbers failed");
    expect(start.stderr).toContain("dining_tables");
    expect(start.stdout).not.toContain("building the dashboard");
  });

  it("stops on a TRUSTED_PROXIES entry that is not an address or range, naming it, before opening the database", async () => {
    const start = spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none", TRUSTED_PROXIES: "10.0.0.0/8, proxy.internal", PORT: String(await freePort()) },
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(start.status).toBe(1);
    expect(start.stderr).toContain('Start stopped: TRUSTED_PROXIES: "proxy.internal" is not an IP address or CIDR range');
    expect(start.stdout).not.toContain("database:");
  });
});
