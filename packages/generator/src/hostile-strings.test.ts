// @vitest-environment jsdom
// Merchant text is data, never code: every hostile string is either refused by the schema with a clear message,
// or travels into a package that WeChat's compiler accepts and reaches the shopper exactly as typed.
import { createRequire } from "node:module";
import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { readConfig, sampleSnapshot, templates, type SectionInstance } from "@kaidian/templates";
import { describe, expect, it } from "vitest";
import { generatePackage } from "./generate";
import { HOSTILE_STRINGS, REFUSED_STRINGS } from "./testing/hostile-strings";
import { renderPage } from "./testing/render-page";

const onScreen = (text: string) => text.replace(/\s+/g, " ").trim();

function chunks<T>(list: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(list.length / size) }, (_, index) => list.slice(index * size, (index + 1) * size));
}

describe("hostile merchant text", () => {
  it("has a corpus of at least fifty strings", () => {
    expect(HOSTILE_STRINGS.length + REFUSED_STRINGS.length).toBeGreaterThanOrEqual(50);
  });

  it.each(REFUSED_STRINGS)("refuses $because in a $field, saying where", ({ text, field, because }) => {
    const template = templates.ecommerce;
    const config = structuredClone(template.sample.config);
    const home = config.pages.home!.sections;
    if (field === "store name") config.store.name = text;
    else home.push({ id: "hostile", type: "rich-text", settings: { blocks: [{ style: "paragraph", text }] } });
    const result = readConfig(template, config);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.message).toContain(because);
    expect(result.problems[0]!.path).toBe(
      field === "store name" ? "store.name" : `pages.home.sections[${home.length - 1}] (rich-text).settings.blocks[0].text`,
    );
  });

  // A real offline compile: seconds when quiet, up to a minute on a loaded machine.
  it("renders every other string literally in a package that compiles", { timeout: 300_000 }, async () => {
    const snapshot = sampleSnapshot("ecommerce");
    const config = snapshot.site.config;
    config.store.name = '</view>{{x}}"\\😀';
    const blocks = chunks(HOSTILE_STRINGS, 20);
    config.pages.home!.sections = blocks.map((chunk, index) => ({
      id: `hostile-${index}`,
      type: "rich-text",
      settings: { blocks: chunk.map((text) => ({ style: "paragraph" as const, text })) },
    })) as SectionInstance[];
    const [item] = snapshot.catalog.items;
    snapshot.catalog.items = HOSTILE_STRINGS.map((text, index) => ({ ...item!, id: `hostile-${index}`, title: text.slice(0, 40), description: text }));
    // Picked on the home page, so the package bakes every one of them.
    config.pages.home!.sections.push(
      ...(chunks(snapshot.catalog.items.map((entry) => entry.id), 20).map((itemIds, index) => ({
        id: `picked-${index}`,
        type: "item-grid",
        settings: { title: "", layout: "list", source: "picked", categoryId: "", limit: 6, itemIds, showPrice: true },
      })) as SectionInstance[]),
    );

    const outDir = await mkdtemp(path.join(os.tmpdir(), "kaidian-hostile-"));
    const result = await generatePackage(
      { tenant: { id: "sample-ecommerce", slug: "hostile" }, appid: "wx0123456789abcdef", templateId: "ecommerce", snapshot },
      { outDir, compile: true },
    );
    if (!result.ok) expect.fail(result.problems.map((p) => `${p.file} ${p.rule} ${p.message}`).join("\n"));
    const dir = result.written!.dir;

    // The JSON and JS files carry the text unchanged.
    const appJson = JSON.parse(await readFile(path.join(dir, "app.json"), "utf8"));
    expect(appJson.window.navigationBarTitleText).toBe(config.store.name);
    const baked = createRequire(import.meta.url)(path.join(dir, "config/site.js"));
    expect(baked.site.config).toEqual(config);
    // Every item the package bakes carries its text unchanged; the byte budget may leave the longest out (the rich
    // text above carries every string in the config).
    for (const entry of baked.catalog.items as { id: string; description: string }[]) {
      expect(entry.description).toBe(HOSTILE_STRINGS[Number(entry.id.replace("hostile-", ""))]);
    }
    expect(baked.catalog.items.length).toBeGreaterThan(HOSTILE_STRINGS.length / 2);

    // The shopper reads it as typed.
    const home = await renderPage(dir, "pages/home/index");
    await home.settle();
    for (const text of HOSTILE_STRINGS) expect(home.text()).toContain(onScreen(text));
    expect(home.root.querySelector("script, button, img[onerror]")).toBeNull();
    home.detach();

    for (const index of [9, 25, 36, 41]) {
      const detail = await renderPage(dir, "pages/item/index", { query: { id: `hostile-${index}` } });
      await detail.settle();
      expect(detail.text()).toContain(onScreen(HOSTILE_STRINGS[index]!));
      detail.detach();
    }
  });
});
