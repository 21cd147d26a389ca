// Vitest global setup: one real, migrated PostgreSQL database for the whole run. With DATABASE_URL set, a
// fresh database is created on that server (and dropped afterwards); otherwise an embedded server is started
// in a temporary directory.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { withDatabase } from "../connection";
import { applyMigrations, startEmbeddedPostgres } from "../server";
import { freePort } from "../server/free-port";

export default async function setup(project: TestProject) {
  const external = process.env.DATABASE_URL;
  let url: string;
  let teardown: () => Promise<void>;

  if (external) {
    const name = `kaidian_test_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: external });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    url = withDatabase(external, name);
    teardown = async () => {
      const cleanup = new pg.Client({ connectionString: external });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    };
  } else {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "kaidian-test-db-"));
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    url = server.url;
    teardown = async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
  }

  await applyMigrations(url);
  // A pristine copy, taken before any test connects, for tests that need a database of their own.
  const template = `kaidian_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template} TEMPLATE "${new URL(url).pathname.slice(1) || "postgres"}"`);
  await admin.end();
  project.provide("databaseUrl", url);
  project.provide("templateDatabase", template);
  return async () => {
    const cleanup = new pg.Client({ connectionString: url });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await cleanup.end();
    await teardown();
  };
}
