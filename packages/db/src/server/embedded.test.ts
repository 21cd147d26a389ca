import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, testDatabaseUrl } from "../testing";
import { DatabaseInUseError, openDatabaseServer, startEmbeddedPostgres } from "./index";

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "kaidian-embedded-"));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

function holdInAnotherProcess(dir: string, port: number): Promise<ChildProcess> {
  const fixture = path.join(import.meta.dirname, "fixtures/hold-embedded.ts");
  const child = spawn(process.execPath, ["--import", "tsx", fixture, dir, String(port)], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk) => String(chunk).includes("ready") && resolve(child));
    child.on("exit", (code) => reject(new Error(`fixture exited with ${code}`)));
  });
}

describe("embedded PostgreSQL", () => {
  it("keeps its data in the data directory across restarts", async () => {
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir, port });
    await query(first.url, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('店铺数据')");
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir, port });
    expect(await query(second.url, "SELECT note FROM kept")).toEqual([{ note: "店铺数据" }]);
    expect(await query(second.url, "SHOW server_encoding")).toEqual([{ server_encoding: "UTF8" }]);
    await second.stop();
  });

  it("refuses a second start on a data directory in use, and recovers one left behind by a killed start", async () => {
    const port = await freePort();
    const holder = await holdInAnotherProcess(dataDir, port);

    const refused = startEmbeddedPostgres({ dataDir, port: await freePort() });
    await expect(refused).rejects.toBeInstanceOf(DatabaseInUseError);
    await expect(refused).rejects.toThrow(/already in use by another running Kaidian/);

    // A command-line tool beside the running product uses the same server instead.
    const shared = await openDatabaseServer({ env: {}, dataDir, reuseRunning: true });
    expect(shared.describe).toContain("the running embedded PostgreSQL");
    expect(await query(shared.url, "SELECT note FROM kept")).toEqual([{ note: "店铺数据" }]);

    // A start killed outright leaves its PostgreSQL running; the next start stops it cleanly and goes on.
    holder.kill("SIGKILL");
    await new Promise((resolve) => holder.once("exit", resolve));
    const recovered = await startEmbeddedPostgres({ dataDir, port });
    expect(await query(recovered.url, "SELECT note FROM kept")).toEqual([{ note: "店铺数据" }]);
    await recovered.stop();
  });
});

describe("choosing the database", () => {
  it("uses DATABASE_URL when it is set, without starting or creating anything", async () => {
    const unused = path.join(dataDir, "never-created");
    const server = await openDatabaseServer({ env: { DATABASE_URL: testDatabaseUrl() }, dataDir: unused });
    expect(server).toMatchObject({ embedded: false, url: testDatabaseUrl() });
    expect(server.describe).not.toContain(new URL(testDatabaseUrl()).password);
    expect(existsSync(unused)).toBe(false);
    // The test database, migrated by the test setup: the server it names is the one in use.
    const committed = readdirSync(path.resolve(import.meta.dirname, "../../../../prisma/migrations"), { withFileTypes: true });
    const migrations = committed.filter((entry) => entry.isDirectory()).length;
    expect(await query(server.url, "SELECT count(*)::int AS n FROM _prisma_migrations")).toEqual([{ n: migrations }]);
  });

  it("starts the embedded server when DATABASE_URL is unset", async () => {
    const dir = path.join(dataDir, "default");
    const server = await openDatabaseServer({ env: { EMBEDDED_POSTGRES_PORT: String(await freePort()) }, dataDir: dir });
    try {
      expect(server.embedded).toBe(true);
      expect(existsSync(path.join(dir, "postgres", "PG_VERSION"))).toBe(true);
      expect(await query(server.url, "SELECT current_database() AS db")).toEqual([{ db: "kaidian" }]);
    } finally {
      await server.stop();
    }
  });
});
