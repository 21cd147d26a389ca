// `npm run db:new-migration -- <name>`: writes the SQL that takes the database from the schema last committed
// (git HEAD) to the schema in the working tree, as prisma/migrations/<timestamp>_<name>/migration.sql.
// Prisma's WASM engine cannot diff against migration history here (it crashes introspecting a shadow
// database), so the diff is between the two datamodels; the server it connects to is only a formality.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, openDatabaseServer } from "@kaidian/db/server";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:new-migration -- <name in snake_case>");
  process.exit(2);
}

const scratch = await mkdtemp(path.join(os.tmpdir(), "kaidian-new-migration-"));
const committed = path.join(scratch, "committed.prisma");
await writeFile(committed, execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { cwd: root }));

const server = await openDatabaseServer({
  env: { DATABASE_URL: process.env.DATABASE_URL, EMBEDDED_POSTGRES_PORT: String(await freePort()) },
  dataDir: scratch,
});
try {
  const diff = spawnSync(
    process.execPath,
    [createRequire(import.meta.url).resolve("prisma/build/index.js"), "migrate", "diff", "--script",
      "--from-schema-datamodel", committed, "--to-schema-datamodel", "prisma/schema.prisma"],
    { cwd: root, env: { ...process.env, DATABASE_URL: server.url, CHECKPOINT_DISABLE: "1" }, encoding: "utf8" },
  );
  if (diff.status !== 0) throw new Error(diff.stderr || diff.stdout);
  const sql = diff.stdout.trim();
  if (!sql || sql === "-- This is an empty migration.") {
    console.log("prisma/schema.prisma matches the committed schema: no migration written.");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(root, "prisma/migrations", `${stamp}_${name}`);
    await mkdir(dir);
    await writeFile(path.join(dir, "migration.sql"), `${sql}\n`);
    console.log(`Wrote ${path.relative(root, dir)}/migration.sql; review it, then \`npm start\` applies it.`);
  }
} finally {
  await server.stop();
  await rm(scratch, { recursive: true, force: true });
}
