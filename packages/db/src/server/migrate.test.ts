import { cp, mkdtemp, mkdir, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withDatabase } from "../connection";
import { testDatabaseUrl } from "../testing";
import { MigrationError, applyMigrations } from "./index";

const committed = path.resolve(import.meta.dirname, "../../../../prisma/migrations");
let scratch: string;
let admin: pg.Client;
const databases: string[] = [];

async function freshDatabase() {
  const name = `kaidian_migrate_${databases.length}_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${name}`);
  databases.push(name);
  return withDatabase(testDatabaseUrl(), name);
}

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), "kaidian-migrations-"));
  admin = new pg.Client({ connectionString: testDatabaseUrl() });
  await admin.connect();
});
afterAll(async () => {
  for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  await rm(scratch, { recursive: true, force: true });
});

describe("applying migrations", () => {
  it("applies every committed migration to an empty database, then finds nothing left to do", async () => {
    const url = await freshDatabase();
    const applied = await applyMigrations(url);
    const everyMigration = (await readdir(committed, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(applied).toEqual(everyMigration.sort());
    expect(applied.slice(0, 2)).toEqual(["20261126000000_init", "20261126000100_row_level_security"]);
    expect(await applyMigrations(url)).toEqual([]);
  });

  it("stops at a failing migration, naming it and quoting the database's error", async () => {
    const migrations = path.join(scratch, "migrations");
    await cp(committed, migrations, { recursive: true });
    await mkdir(path.join(migrations, "20991231000000_add_loyalty_points"));
    await writeFile(
      path.join(migrations, "20991231000000_add_loyalty_points", "migration.sql"),
      'ALTER TABLE "members_that_do_not_exist" ADD COLUMN points integer;',
    );

    const url = await freshDatabase();
    const failure = await applyMigrations(url, { migrationsDir: migrations }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as MigrationError).migration).toBe("20991231000000_add_loyalty_points");
    expect((failure as MigrationError).message).toMatch(/members_that_do_not_exist/);

    // Starting again does not skip past it: it is named again, with how to unblock it.
    const again = await applyMigrations(url, { migrationsDir: migrations }).catch((error: unknown) => error);
    expect((again as MigrationError).migration).toBe("20991231000000_add_loyalty_points");
    expect((again as MigrationError).message).toMatch(/DELETE FROM _prisma_migrations WHERE migration_name = '20991231000000_add_loyalty_points'/);

    // The migrations before it are in place; the failed one left nothing behind.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query("SELECT to_regclass('public.tenants') IS NOT NULL AS ok");
    await client.end();
    expect(rows).toEqual([{ ok: true }]);
  });
});
