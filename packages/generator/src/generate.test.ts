// @vitest-environment jsdom
// The generator end to end, per template: the sample store becomes a package WeChat's own tooling accepts, that
// shows the store, its sections in order and its items; the same input always gives the same zip; and broken
// input is refused with a message that says where.
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pages, sampleSnapshot, templateList, tradePages, tradePagesOf, type TemplateId } from "@kaidian/templates";
import { describe, expect, it } from "vitest";
import { generatePackage, type GeneratorInput } from "./generate";
import { renderPage } from "./testing/render-page";

function sampleInput(templateId: TemplateId): GeneratorInput {
  return { tenant: { id: `sample-${templateId}`, slug: `sample-${templateId}` }, appid: "wx0123456789abcdef", templateId, snapshot: sampleSnapshot(templateId) };
}

describe.each(templateList)("the $id sample store", (template) => {
  it("passes WeChat's schemas and the offline compile, and its home page shows the store, its sections in order and its items", async () => {
    const outDir = await mkdtemp(path.join(os.tmpdir(), "kaidian-generate-"));
    const result = await generatePackage(sampleInput(template.id), { outDir, compile: true });
    if (!result.ok) expect.fail(result.problems.map((p) => p.message).join("\n"));

    const { manifest, written } = result;
    expect(manifest).toMatchObject({
      templateId: template.id,
      configVersion: 1,
      versions: { template: template.version, generator: expect.any(String), runtime: expect.any(String) },
    });
    expect(manifest.sizes.main).toBeLessThan(600 * 1024);
    expect(manifest.contentHash).toMatch(/^[0-9a-f]{64}$/);

    const config = sampleSnapshot(template.id).site.config;
    const appJson = JSON.parse(await readFile(path.join(written!.dir, "app.json"), "utf8"));
    const trading = tradePagesOf(template).map((id) => tradePages[id].path);
    expect(appJson.pages).toEqual([...template.pages.map((page) => pages[page.id].path), ...trading]);
    // A store that ships orders asks for the shopper's address, which WeChat allows only when declared; a hotel's
    // bookings need none.
    expect(appJson.requiredPrivateInfos).toEqual(tradePagesOf(template).includes("checkout") ? ["chooseAddress"] : undefined);
    expect(appJson.tabBar.list.map((tab: { pagePath: string; text: string }) => [tab.pagePath, tab.text])).toEqual(
      config.tabBar.map((tab) => [pages[tab.page].path, tab.text]),
    );
    expect(JSON.parse(await readFile(path.join(written!.dir, "project.config.json"), "utf8")).appid).toBe("wx0123456789abcdef");

    const home = await renderPage(written!.dir, pages.home.path);
    await home.settle();
    const text = home.text();
    expect(text).toContain(config.store.name);
    const landmarks = config.pages.home!.sections.flatMap((section) => {
      const settings = section.settings as Record<string, unknown>;
      if (section.type === "notice") return [settings.text as string];
      // The coupon strip shows the store's live coupons from shop-api, and nothing without any.
      if (section.type === "coupon-strip") return [];
      if (typeof settings.title === "string" && settings.title) return [settings.title];
      return [];
    });
    expect(landmarks.length).toBeGreaterThanOrEqual(2);
    const positions = landmarks.map((landmark) => text.indexOf(landmark));
    expect(positions.every((position) => position >= 0), `${landmarks.join(" | ")}\n${text}`).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    const shownItems = template.sample.catalog.items.filter((item) => text.includes(item.title));
    expect(shownItems.length).toBeGreaterThanOrEqual(2);
    home.detach();
  });
});

describe("determinism", () => {
  it("gives byte-identical zips for the same input, in this process and in a fresh one", async () => {
    const first = await generatePackage(sampleInput("hotel"));
    const second = await generatePackage(sampleInput("hotel"));
    if (!first.ok || !second.ok) expect.fail("the hotel sample did not generate");
    expect(second.zip.equals(first.zip)).toBe(true);

    const script = [
      'import { generatePackage } from "./packages/generator/src/generate.ts";',
      'import { sampleSnapshot } from "./packages/templates/src/index.ts";',
      'import { createHash } from "node:crypto";',
      `const input = ${JSON.stringify({ ...sampleInput("hotel"), snapshot: undefined })};`,
      'const result = await generatePackage({ ...input, snapshot: sampleSnapshot("hotel") });',
      'console.log(createHash("sha256").update(result.zip).digest("hex"));',
    ].join("\n");
    const root = path.resolve(import.meta.dirname, "../../..");
    const hash = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: root, encoding: "utf8" });
    expect(hash.trim()).toBe((await import("node:crypto")).createHash("sha256").update(first.zip).digest("hex"));
  });

  it("changes the content hash when the config changes", async () => {
    const input = sampleInput("restaurant");
    const edited = structuredClone(input);
    edited.snapshot.site.config.store.name = "老街面馆 · 二店";
    const [a, b] = await Promise.all([generatePackage(input), generatePackage(edited)]);
    if (!a.ok || !b.ok) expect.fail("the restaurant sample did not generate");
    expect(b.manifest.contentHash).not.toBe(a.manifest.contentHash);
  });
});

describe("refusals", () => {
  it("refuses a catalog item that breaks its schema, naming its place in the store's catalog", async () => {
    const input = sampleInput("ecommerce");
    const shown = input.snapshot.catalog.items.findIndex((item) => item.title === "云南小粒咖啡豆 250g");
    (input.snapshot.catalog.items[shown] as { priceFen: number }).priceFen = -1;
    const result = await generatePackage(input);
    expect(result).toMatchObject({
      ok: false,
      problems: [{ file: "config/site.js", rule: "catalog", message: expect.stringMatching(new RegExp(`^catalog\\.items\\.${shown}\\.priceFen: `)) }],
    });
  });

  it("refuses an invalid config before rendering anything, naming the section and setting", async () => {
    const input = sampleInput("ecommerce");
    const notice = input.snapshot.site.config.pages.home!.sections.find((section) => section.type === "notice")!;
    (notice.settings as { text: string }).text = "";
    const outDir = await mkdtemp(path.join(os.tmpdir(), "kaidian-generate-"));
    const result = await generatePackage(input, { outDir });
    expect(result).toMatchObject({
      ok: false,
      problems: [{ tenant: "sample-ecommerce", file: "config/site.js", rule: "config", message: expect.stringMatching(/^pages\.home\.sections\[2\] \(notice\)\.settings\.text: /) }],
    });
    await expect(readFile(path.join(outDir, "sample-ecommerce.zip"))).rejects.toThrow(/ENOENT/);
  });
});
