import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MigrationError } from "./errors";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [prismaCli, ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

/** The error Prisma reports, without its banner and without the engine's stack frames. */
function failureDetail(output: string): string {
  const from = output.indexOf("Error:");
  return (from >= 0 ? output.slice(from) : output)
    .split("\n")
    .filter((line) => line.trim() && !/^\s+(\d+: |with |at )/.test(line))
    .join("\n")
    .trim();
}

// A failed migration is rolled back (PostgreSQL DDL is transactional and each file runs as one script), but
// Prisma records it and refuses to go on (P3009) until the record is cleared.
const unblockHint = (migration: string) =>
  `Fix prisma/migrations/${migration}/migration.sql, then clear the failed record and start again:\n` +
  `  DELETE FROM _prisma_migrations WHERE migration_name = '${migration}' AND finished_at IS NULL;`;

/**
 * Applies the committed migrations in prisma/migrations that the database lacks (`prisma migrate deploy`).
 * Returns the names of the migrations applied; throws MigrationError naming the one that failed.
 */
export async function applyMigrations(databaseUrl: string, options: { migrationsDir?: string } = {}) {
  const env: NodeJS.ProcessEnv = { DATABASE_URL: databaseUrl };
  if (options.migrationsDir) env.KAIDIAN_MIGRATIONS_DIR = options.migrationsDir;
  const { code, output } = await run(["migrate", "deploy"], env);
  if (code !== 0) {
    const failed =
      output.match(/migration_name="([^"]+)"/)?.[1] ?? output.match(/The `([^`]+)` migration started at .* failed/)?.[1];
    const detail = failureDetail(output);
    throw new MigrationError(failed, failed ? `${detail}\n${unblockHint(failed)}` : detail);
  }
  return [...output.matchAll(/^\s+└─ (\d{14}_[^/\s]+)\/$/gm)].map((m) => m[1]!);
}
