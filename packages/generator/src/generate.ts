// One tenant's package, from inputs to validated outputs: check the inputs against their schemas, render the files,
// check sizes and WeChat's own JSON schemas, zip, describe, and (on request) compile with miniprogram-ci. Nothing
// is written unless every check passed, so a failed run never leaves a package that looks usable.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { catalogSchema } from "@kaidian/catalog";
import type { z } from "zod";
import { readConfig, templates, type SiteSnapshot, type TemplateId } from "@kaidian/templates";
import generatorPackage from "../package.json" with { type: "json" };
import { catalogOutlineSchema, firstScreensCatalog } from "./first-screens";
import { describeFiles, type Manifest } from "./manifest";
import { renderPackageFiles } from "./package-files";
import type { TenantProblem } from "./problems";
import { loadCompiledRuntime, type CompiledRuntime } from "./precompiled";
import { loadRuntime, type Runtime } from "./runtime";
import { checkSizes, compilePackage, measurePackage, validateSchemas, type Problem } from "./validate";
import { zipFiles } from "./zip";

export const GENERATOR_VERSION = generatorPackage.version;

/**
 * The form of a package a generator version made: "compiled" from 0.2.0, when packages began to be built on the
 * precompiled runtime. A stored package from an older generator is source and needs miniprogram-ci's compile.
 */
export function packageFormOf(generatorVersion: string | null): PackageForm {
  const [major = 0, minor = 0] = (generatorVersion ?? "0.1.0").split(".").map(Number);
  return major > 0 || minor >= 2 ? "compiled" : "source";
}

export type GeneratorInput = {
  tenant: { id: string; slug: string };
  /** The Mini Program's appid; `touristappid` builds a package WeChat DevTools can open without one. */
  appid: string;
  templateId: TemplateId;
  snapshot: SiteSnapshot;
};

export type GenerateOptions = {
  /** Write `<outDir>/<slug>/` (the package), `<slug>.zip` and `<slug>.manifest.json`. */
  outDir?: string;
  /** Also run the full offline miniprogram-ci compile (seconds, not milliseconds). */
  compile?: boolean;
  runtime?: Runtime;
  /**
   * "compiled" (the default): the package holds what WeChat's upload would send, built on the precompiled runtime,
   * ready to hand over without a compile. "source": the runtime's files as written, for reading and debugging.
   */
  form?: PackageForm;
  compiledRuntime?: CompiledRuntime;
};

export type PackageForm = "compiled" | "source";

export type GeneratedPackage = {
  ok: true;
  manifest: Manifest;
  files: ReadonlyMap<string, Buffer>;
  zip: Buffer;
  written?: { dir: string; zip: string; manifest: string };
};

export type FailedPackage = { ok: false; problems: TenantProblem[] };

export async function generatePackage(input: GeneratorInput, options: GenerateOptions = {}): Promise<GeneratedPackage | FailedPackage> {
  const tenant = input.tenant.slug;
  const fail = (problems: Problem[]): FailedPackage => ({ ok: false, problems: problems.map((p) => ({ tenant, ...p })) });
  const runtime = options.runtime ?? (await loadRuntime());
  const template = templates[input.templateId];

  const config = readConfig(template, input.snapshot.site.config);
  const outline = catalogOutlineSchema.safeParse(input.snapshot.catalog);
  // The package bakes only what its first screens show (the runtime pages the rest from the API): those items are
  // checked in full, and a problem names the item's place in the input.
  const baked = config.ok && outline.success ? firstScreensCatalog(config.config, outline.data) : undefined;
  const catalog = baked ? catalogSchema.safeParse(baked) : undefined;
  const inputProblems: Problem[] = [];
  if (!config.ok) {
    for (const p of config.problems) inputProblems.push({ file: "config/site.js", rule: "config", message: `${p.path}: ${p.message}` });
  }
  const catalogIssues = !outline.success ? outline.error.issues : catalog && !catalog.success ? catalog.error.issues : [];
  for (const issue of catalogIssues) {
    inputProblems.push({ file: "config/site.js", rule: "catalog", message: `catalog.${inputPath(issue, baked, outline.data).join(".")}: ${issue.message}` });
  }
  if (!config.ok || !catalog?.success) return fail(inputProblems);

  const snapshot = { ...input.snapshot, site: { ...input.snapshot.site, config: config.config }, catalog: catalog.data };
  const unknownSections = Object.entries(config.config.pages).flatMap(([page, pageConfig]) =>
    (pageConfig?.sections ?? [])
      .filter((section) => !runtime.sectionTypes.includes(section.type))
      .map((section) => ({ file: "config/site.js", rule: "runtime.section", message: `pages.${page}: runtime ${runtime.version} cannot render "${section.type}" sections` })),
  );
  if (unknownSections.length) return fail(unknownSections);

  const form = options.form ?? "compiled";
  const runtimeFiles = form === "compiled" ? (options.compiledRuntime ?? (await loadCompiledRuntime(runtime))).files : runtime.files;
  const files = renderPackageFiles({ tenant: input.tenant, appid: input.appid, template, snapshot, runtime, runtimeFiles, compact: form === "compiled" });
  const sizes = await measurePackage(files);
  const checked = [...checkSizes(sizes), ...(await validateSchemas(files))];
  if (checked.length) return fail(checked);

  const zip = zipFiles(files);
  const { files: fileList, contentHash } = describeFiles(files);
  const manifest: Manifest = {
    tenant: input.tenant,
    appid: input.appid,
    templateId: template.id,
    configVersion: input.snapshot.site.configVersion,
    versions: { template: template.version, runtime: runtime.version, generator: GENERATOR_VERSION },
    form,
    contentHash,
    sizes: { main: sizes.main, subpackages: sizes.subpackages, total: sizes.total, zip: zip.length },
    files: fileList,
  };

  return writePackage(input.tenant.slug, { manifest, files, zip }, options, input.appid, fail);
}

/**
 * A checked package's last steps, shared by a store's package and the platform's template package: written to
 * `outDir` (or to a scratch directory, removed after) and compiled offline when asked, then its zip and manifest
 * written beside it.
 */
export async function writePackage<M>(
  name: string,
  built: { manifest: M; files: ReadonlyMap<string, Buffer>; zip: Buffer },
  options: { outDir?: string; compile?: boolean },
  appid: string,
  fail: (problems: Problem[]) => FailedPackage,
): Promise<(typeof built & { ok: true; written?: { dir: string; zip: string; manifest: string } }) | FailedPackage> {
  const { manifest, zip } = built;
  if (!options.outDir && !options.compile) return { ok: true, ...built };
  const dir = options.outDir ? path.join(options.outDir, name) : path.join(await mkdtemp(path.join(tmpdir(), "kaidian-compile-")), name);
  await writeDirectory(dir, built.files);
  if (options.compile) {
    const compiled = await compilePackage(dir, { appid });
    if (compiled.length) {
      await rm(options.outDir ? dir : path.dirname(dir), { recursive: true, force: true });
      return fail(compiled);
    }
  }
  if (!options.outDir) {
    await rm(path.dirname(dir), { recursive: true, force: true });
    return { ok: true, ...built };
  }
  const written = { dir, zip: `${dir}.zip`, manifest: `${dir}.manifest.json` };
  await writeFile(written.zip, zip);
  await writeFile(written.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
  return { ok: true, ...built, written };
}

/** An issue's path in the input catalog: a baked item's index is its index among the baked ones. */
function inputPath(issue: z.core.$ZodIssue, baked: { items: { id: string }[] } | undefined, input: { items: { id: string }[] } | undefined) {
  const path = issue.path.map(String);
  if (!baked || !input || path[0] !== "items") return path;
  const id = baked.items[Number(path[1])]?.id;
  return ["items", String(input.items.findIndex((item) => item.id === id)), ...path.slice(2)];
}

/** Writes a package's files as the folder WeChat DevTools and miniprogram-ci open, replacing what was there. */
export async function writeDirectory(dir: string, files: ReadonlyMap<string, Buffer>): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  for (const [file, content] of files) {
    const target = path.join(dir, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}
