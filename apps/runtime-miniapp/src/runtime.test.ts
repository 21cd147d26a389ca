// The build's output against the contract in packages/templates: every page and section type the templates
// know has a home here, and the tab icons WeChat accepts.
import { existsSync } from "node:fs";
import { mkdtemp, readFile, readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PAGE_IDS, pages, SECTION_TYPES, TAB_ICONS, TRADE_PAGE_IDS, tradePages } from "@kaidian/templates";
import { beforeAll, describe, expect, it } from "vitest";
import { buildRuntime } from "../scripts/build.mjs";

const MAX_TAB_ICON_BYTES = 40 * 1024;

let dir: string;
let built: Awaited<ReturnType<typeof buildRuntime>>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "kaidian-runtime-test-"));
  built = await buildRuntime(dir);
});

describe("runtime.json", () => {
  it("lists every page of the templates at its package path", () => {
    expect(built.manifest.pages).toEqual(Object.fromEntries(PAGE_IDS.map((id) => [id, pages[id].path])));
  });

  it("lists the trading pages at the paths the generator ships them to", () => {
    expect(built.manifest.tradePages).toEqual(Object.fromEntries(TRADE_PAGE_IDS.map((id) => [id, tradePages[id].path])));
  });

  it("lists a renderer for every section type", () => {
    expect(built.manifest.sectionTypes).toEqual([...SECTION_TYPES].sort());
  });

  it("is the file the build writes", async () => {
    expect(JSON.parse(await readFile(path.join(dir, "runtime.json"), "utf8"))).toEqual(built.manifest);
  });
});

describe("dist", () => {
  it("ships no dev snapshot and no test code", async () => {
    const files = await readdir(dir, { recursive: true });
    expect(existsSync(path.join(dir, "config", "site.js"))).toBe(false);
    expect(files.filter((file) => file.endsWith(".ts"))).toEqual([]);
  });

  it("stays within its size budget", () => {
    expect(built.size).toBeLessThan(600 * 1024);
  });

  it("has both tab icons for every TabIcon, as 81x81 PNGs under 40 KB", async () => {
    for (const name of TAB_ICONS) {
      for (const file of [`${name}.png`, `${name}-active.png`]) {
        const png = await readFile(path.join(dir, "assets", "tab", file));
        expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
        expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([81, 81]);
        expect(png.length).toBeLessThan(MAX_TAB_ICON_BYTES);
      }
    }
  });

  it("is the same byte for byte on every build", async () => {
    const again = await mkdtemp(path.join(os.tmpdir(), "kaidian-runtime-test-"));
    await buildRuntime(again);
    const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
    for (const entry of files) {
      const relative = path.relative(dir, path.join(entry.parentPath, entry.name));
      expect(await readFile(path.join(again, relative)), relative).toEqual(await readFile(path.join(dir, relative)));
    }
  });
});
