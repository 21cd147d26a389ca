// A store's package built on the precompiled runtime, against today's way of getting it to WeChat: the source form
// compiled by miniprogram-ci as its upload compiles (es6 + minify). Each is a real compile in a child process.
//
// Stated precisely, the precompiled package holds the same files as miniprogram-ci's compile of the source form,
// and each file is byte-identical, except:
//   - project.config.json: the source form's, readable (the compile writes its own stand-in, and so does the upload);
//   - ext.json: the source form's, compact (the compiler puts a `__warning__` in its place when the appid is not a
//     third-party platform's, and WeChat ignores ext.json for such an appid);
//   - app.json: equal as JSON, less that same `__warning__`;
//   - sitemap.json and the other per-store JSON: equal as JSON (written compact; the compiler copies sitemap.json);
//   - config/site.js: exports the same value (JSON literal instead of Terser's unquoted keys).
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pages, sampleSnapshot, templateList, templates, tradePages, tradePagesOf, type TemplateId } from "@kaidian/templates";
import { runCiTask } from "@kaidian/wechat/ci";
import { compiledCodeProblem } from "@kaidian/wechat/testing";
import { afterAll, describe, expect, it } from "vitest";
import { generatePackage, packageFormOf, type GeneratorInput } from "./generate";
import { compiledRuntimeKey, loadCompiledRuntime } from "./precompiled";
import { loadRuntime } from "./runtime";

const APPID = "wx0123456789abcdef";
const scratch: string[] = [];
afterAll(() => Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true }))));

function sampleInput(templateId: TemplateId): GeneratorInput {
  return { tenant: { id: `sample-${templateId}`, slug: `sample-${templateId}` }, appid: APPID, templateId, snapshot: sampleSnapshot(templateId) };
}

async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) files.set(path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"), await readFile(path.join(entry.parentPath, entry.name)));
  }
  return files;
}

const withoutWarning = (json: Buffer) => {
  const { __warning__: _, ...value } = JSON.parse(json.toString("utf8")) as Record<string, unknown>;
  return value;
};

function exportsOf(script: Buffer): unknown {
  const module = { exports: {} as unknown };
  new Function("module", "exports", script.toString("utf8"))(module, module.exports);
  return module.exports;
}

describe.each(templateList)("the $id sample store built on the precompiled runtime", (template) => {
  it("holds what miniprogram-ci's upload compile makes of its source form, minified and valid as the fake WeChat checks", { timeout: 600_000 }, async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "kaidian-precompiled-"));
    scratch.push(dir);
    const source = await generatePackage(sampleInput(template.id), { form: "source", outDir: path.join(dir, "source") });
    if (!source.ok) expect.fail(source.problems.map((p) => p.message).join("\n"));
    const report = await runCiTask({ task: "compile", projectPath: source.written!.dir, appid: APPID, outDir: path.join(dir, "compiled") }, { timeoutMs: 300_000 });
    expect(report).toEqual({ ok: true, result: {} });
    const compiledBySource = await readTree(path.join(dir, "compiled"));

    const precompiled = await generatePackage(sampleInput(template.id));
    if (!precompiled.ok) expect.fail(precompiled.problems.map((p) => p.message).join("\n"));
    expect(precompiled.manifest.form).toBe("compiled");
    expect([...precompiled.files.keys()].sort()).toEqual([...compiledBySource.keys()].sort());

    for (const [file, content] of precompiled.files) {
      const expected = compiledBySource.get(file)!;
      if (file === "project.config.json") expect(content.equals(source.files.get(file)!), file).toBe(true);
      else if (file === "ext.json") expect(JSON.parse(content.toString("utf8"))).toEqual(JSON.parse(source.files.get(file)!.toString("utf8")));
      else if (file.endsWith(".json")) expect(withoutWarning(content), file).toEqual(withoutWarning(expected));
      else if (file === "config/site.js") expect(exportsOf(content)).toEqual(exportsOf(expected));
      else expect(content.equals(expected), `${file} differs from miniprogram-ci's compile of it`).toBe(true);
      expect(compiledCodeProblem(file, content), file).toBeNull();
    }
    expect(precompiled.manifest.sizes.main).toBeLessThan(source.manifest.sizes.main);
  });
});

describe("what a package carries", () => {
  it("only the sections, pages and tab icons its store uses: no room list or menu in a coffee shop", async () => {
    const shop = await generatePackage(sampleInput("ecommerce"));
    const restaurant = await generatePackage(sampleInput("restaurant"));
    if (!shop.ok || !restaurant.ok) expect.fail("a sample did not generate");
    const sectionsOf = (files: ReadonlyMap<string, Buffer>) => [...new Set([...files.keys()].filter((file) => file.startsWith("sections/")).map((file) => file.split("/")[1]))].sort();
    const usedBy = (id: TemplateId) => [...new Set(Object.values(sampleSnapshot(id).site.config.pages).flatMap((page) => page?.sections.map((section) => section.type) ?? []))].sort();

    expect(sectionsOf(shop.files)).toEqual(usedBy("ecommerce"));
    expect(sectionsOf(shop.files)).not.toContain("room-list");
    expect(sectionsOf(shop.files)).not.toContain("menu");
    expect(sectionsOf(restaurant.files)).toContain("menu");
    const sectionList = JSON.parse(shop.files.get("components/section-list/index.json")!.toString("utf8")) as { usingComponents: Record<string, string> };
    expect(Object.values(sectionList.usingComponents).map((target) => target.split("/").at(-2)).sort()).toEqual(usedBy("ecommerce"));
    expect(shop.files.get("components/section-list/index.wxml")!.toString("utf8")).not.toContain("kd-room-list");

    const tabIcons = [...shop.files.keys()].filter((file) => file.startsWith("assets/tab/")).sort();
    const shown = sampleSnapshot("ecommerce").site.config.tabBar.map((tab) => pages[tab.page].tabIcon);
    expect(tabIcons).toEqual(shown.flatMap((icon) => [`assets/tab/${icon}-active.png`, `assets/tab/${icon}.png`]).sort());
    const pageDirs = new Set([...shop.files.keys()].filter((file) => file.startsWith("pages/")).map((file) => file.split("/")[1]));
    const shipped = [...templates.ecommerce.pages.map((page) => pages[page.id].path), ...tradePagesOf(templates.ecommerce).map((id) => tradePages[id].path)];
    expect([...pageDirs].sort()).toEqual(shipped.map((page) => page.split("/")[1]).sort());
  });

  it("asks WeChat's quality check for minified WXML and WXSS, as the upload does", async () => {
    const shop = await generatePackage(sampleInput("hotel"));
    if (!shop.ok) expect.fail("the hotel sample did not generate");
    expect(JSON.parse(shop.files.get("project.config.json")!.toString("utf8")).setting).toMatchObject({ minified: true, minifyWXML: true, minifyWXSS: true });
  });

  it("tells a stored package from before precompiling (source: miniprogram-ci compiles it on upload) by its generator", () => {
    expect([null, "0.1.0", "0.1.9"].map(packageFormOf)).toEqual(["source", "source", "source"]);
    expect(["0.2.0", "0.10.1", "1.0.0"].map(packageFormOf)).toEqual(["compiled", "compiled", "compiled"]);
  });

  it("keys the compiled runtime by its content: a changed runtime file is compiled anew", async () => {
    const runtime = await loadRuntime();
    const changed = { ...runtime, files: new Map(runtime.files).set("app.js", Buffer.from("App({});\n")) };
    expect(compiledRuntimeKey(changed)).not.toBe(compiledRuntimeKey(runtime));
    expect((await loadCompiledRuntime(runtime)).key).toBe(compiledRuntimeKey(runtime));
  });
});
