// Helpers for tests that run against the real database prepared by global-setup.ts.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { withDatabase } from "../connection";
import { Database } from "../database";

export { freePort } from "../server/free-port";

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated test database prepared by global-setup.ts. */
    databaseUrl: string;
    /** A migrated database no test touches, to copy for tests that need a database of their own. */
    templateDatabase: string;
  }
}

export function testDatabaseUrl(): string {
  return inject("databaseUrl");
}

/** The application's database access, as the web server uses it. */
export function testDatabase(): Database {
  return new Database(testDatabaseUrl(), { maxConnections: 4 });
}

/** A superuser connection that bypasses row-level security: for arranging and checking rows in tests only. */
export async function superuser(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  return client;
}

export function uniqueEmail(label = "user"): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.test`;
}

/**
 * A migrated database of the test file's own, copied from the untouched template: for tests whose subject acts on
 * every store in the database (publishing workers claim any store's builds), so test files running at the same
 * time cannot take each other's work.
 */
export async function isolatedTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `kaidian_isolated_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject("templateDatabase")}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(testDatabaseUrl(), name),
    async drop() {
      const cleanup = new pg.Client({ connectionString: testDatabaseUrl() });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
