import path from "node:path";
import { defineConfig } from "prisma/config";
import { migrationAdapter } from "./packages/db/src/migrate-adapter";

// Prisma's native schema engine cannot be downloaded on these machines; the WASM engine bundled in the
// `prisma` package runs migrations through a driver adapter instead (see packages/db/src/migrate-adapter.ts).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  // KAIDIAN_MIGRATIONS_DIR lets tests apply a copy of the migrations (for example with one broken on purpose).
  migrations: { path: process.env.KAIDIAN_MIGRATIONS_DIR ?? path.join("prisma", "migrations") },
  adapter: async () => migrationAdapter(),
});
