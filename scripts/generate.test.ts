// `npm run generate`: one line per store with its sizes and time, the package on disk, and a clear line for a
// store that does not exist (and a failing exit code).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { testDatabase, testDatabaseUrl } from "@kaidian/db/testing";
import { arrangeStore } from "@kaidian/storefront/testing";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

function generate(args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/generate.ts", ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: testDatabaseUrl(), SHOP_API_PUBLIC_URL: "https://shop.example.test" },
    encoding: "utf8",
    timeout: 120_000,
  });
}

describe("npm run generate", () => {
  it("writes a store's package, zip and manifest and reports its sizes; names a store that does not exist", async () => {
    const db = testDatabase();
    const tenantId = await arrangeStore(db, { name: "生成测试店", templateId: "hotel" });
    const slug = await db.privileged((tx) => tx.tenant.findUniqueOrThrow({ where: { id: tenantId } })).then((t) => t.slug);
    const out = await mkdtemp(path.join(os.tmpdir(), "kaidian-generate-cli-"));

    const run = generate(["--tenant", slug, "--tenant", "no-such-store", "--out", out, "--no-compile"]);

    expect(run.status).toBe(1);
    expect(run.stdout).toContain("✘ no-such-store: no such store");
    expect(run.stdout).toMatch(new RegExp(`✔ ${slug}  hotel v1  main [\\d.]+ KB  zip [\\d.]+ KB  \\d+ files  [\\d.]+ s`));
    const manifest = JSON.parse(await readFile(path.join(out, `${slug}.manifest.json`), "utf8"));
    expect(manifest).toMatchObject({ tenant: { id: tenantId, slug }, templateId: "hotel", configVersion: 1 });
    expect(existsSync(path.join(out, `${slug}.zip`))).toBe(true);
    const site = await readFile(path.join(out, slug, "config/site.js"), "utf8");
    expect(site).toContain(`"apiBase":"https://shop.example.test/api/mp/v1/${tenantId}"`);
    expect(site).toContain("生成测试店");
  });
});
