import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // The dashboard's `@/…` imports, as Next resolves them from apps/builder/tsconfig.json.
    tsconfigPaths: true,
    // "server-only" throws outside React's server build; tests call server modules directly, as the server does.
    alias: { "server-only": fileURLToPath(new URL("node_modules/server-only/empty.js", import.meta.url)) },
  },
  test: {
    include: ["packages/*/src/**/*.test.ts", "apps/*/src/**/*.test.ts", "prisma/**/*.test.ts", "scripts/**/*.test.ts"],
    globalSetup: ["packages/db/src/testing/global-setup.ts"],
    testTimeout: 60_000,
    // A deployment's shop-api address: builds bake it in, and readiness refuses uploads without an https one.
    env: { SHOP_API_PUBLIC_URL: "https://shop.example.com" },
    hookTimeout: 120_000,
  },
});
