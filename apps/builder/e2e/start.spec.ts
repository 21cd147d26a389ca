import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";

const root = path.resolve(import.meta.dirname, "../../..");

test("a second start on the data directory in use says so and leaves the running one intact", async ({ page }) => {
  const second = spawnSync("npx", ["tsx", "scripts/start.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: "", KAIDIAN_DATA_DIR: ".data/e2e", PORT: "3199", EMBEDDED_POSTGRES_PORT: "54398" },
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(second.status).toBe(1);
  expect(second.stderr).toMatch(/Start stopped: The database in .*e2e.* is already in use by another running Kaidian/);

  const response = await page.goto("/sign-in");
  expect(response?.status()).toBe(200);
});
