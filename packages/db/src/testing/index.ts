// Helpers for tests that run against the real database prepared by global-setup.ts.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { Database } from "../database";

export { freePort } from "../server/free-port";

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated test database prepared by global-setup.ts. */
    databaseUrl: string;
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
