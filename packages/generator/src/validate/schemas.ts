// WeChat's JSON schemas (the ones miniprogram-ci's compiler applies) over every JSON file the package declares.
// Milliseconds instead of the compile's seconds, and it covers what the offline compile never reads: a broken
// ext.json or sitemap.json compiles fine and would only fail at WeChat.
/// <reference path="./miniprogram-ci.d.ts" />
import path from "node:path";
import { schemaValidate } from "miniprogram-ci/dist/modules/corecompiler/original/validate/schemaValidate.js";
import { isRecord, readJsonFile, strings, subpackagesOf } from "./json-files";
import { packageSource, type PackageInput, type PackageSource } from "./package-source";
import type { Problem } from "./problem";

type SchemaKind = Parameters<typeof schemaValidate>[0];
type SchemaError = ReturnType<typeof schemaValidate>["error"][number];

export async function validateSchemas(input: PackageInput): Promise<Problem[]> {
  const source = packageSource(input);
  const problems: Problem[] = [];
  // Reads one file, reports what is wrong with it, and returns its content when it parsed.
  const check = async (file: string, kind: SchemaKind, rule: string, required: boolean): Promise<unknown> => {
    const read = await readJsonFile(source, file);
    if (!read) {
      if (required) problems.push({ file, rule: "json.missing", message: `${file} is missing` });
      return undefined;
    }
    if (!read.ok) {
      problems.push({ file, rule: "json.syntax", message: `${file} is not valid JSON: ${read.error}` });
      return undefined;
    }
    // Only errors: the schemas' warnings are unknown keys, which WeChat ignores and its schemas lag behind.
    for (const error of schemaErrors(kind, read.value)) problems.push({ file, rule, message: `${file}: ${describe(error)}` });
    return read.value;
  };

  const app = await check("app.json", "app", "schema.app", true);
  await check("project.config.json", "projectconfig", "schema.projectconfig", true);
  await check("ext.json", "ext", "schema.ext", false);
  const sitemapLocation = isRecord(app) && typeof app.sitemapLocation === "string" ? app.sitemapLocation.replace(/^\/+/, "") : undefined;
  await check(sitemapLocation ?? "sitemap.json", "sitemap", "schema.sitemap", sitemapLocation !== undefined);
  if (!isRecord(app)) return problems;

  const pages = new Set([...strings(app.pages), ...subpackagesOf(app).flatMap(({ root, pages }) => pages.map((page) => `${root}/${page}`))]);
  // Every component reachable from app.json's global ones and the pages' ones, as [declaring file, path as
  // written]; the loop appends what each component uses in turn. WeChat validates component JSON with the
  // page schema (there is no component schema); a page's or component's JSON file is optional.
  const pending = usages("app.json", app);
  for (const page of pages) pending.push(...usages(`${page}.json`, await check(`${page}.json`, "page", "schema.page", false)));
  const seen = new Set<string>();
  for (const [from, reference] of pending) {
    // One the resolver cannot find is left to the compile, which reports it with its WeChat code.
    const component = await resolveComponent(source, from, reference);
    if (component === undefined || seen.has(component)) continue;
    seen.add(component);
    pending.push(...usages(`${component}.json`, await check(`${component}.json`, "page", "schema.component", false)));
  }
  return problems;
}

// The runtime's component JSON is the same in every store's package: validating it once per process instead of
// once per store takes the check from ~30 ms to a few.
const knownResults = new Map<string, SchemaError[]>();
const KNOWN_RESULTS_LIMIT = 10_000;

function schemaErrors(kind: SchemaKind, value: unknown): SchemaError[] {
  const key = `${kind}\0${JSON.stringify(value)}`;
  let errors = knownResults.get(key);
  if (!errors) {
    errors = schemaValidate(kind, value).error;
    if (knownResults.size >= KNOWN_RESULTS_LIMIT) knownResults.clear();
    knownResults.set(key, errors);
  }
  return errors;
}

function usages(from: string, json: unknown): [string, string][] {
  const using = isRecord(json) ? json.usingComponents : undefined;
  if (!isRecord(using)) return [];
  return Object.values(using)
    .filter((reference): reference is string => typeof reference === "string")
    .map((reference) => [from, reference]);
}

// miniprogram-ci's lookup order (json/common.js): "/x" from the package root, "./x" and "../x" from the
// declaring file (clamped at the root), anything else beside the declaring file first and then in each
// miniprogram_npm from there up to the root; each as given, then as a folder with index.
async function resolveComponent(source: PackageSource, from: string, reference: string): Promise<string | undefined> {
  if (/^plugin(-private)?:\/\//.test(reference)) return undefined;
  const dir = path.posix.dirname(from);
  const bases = reference.startsWith("/")
    ? [reference]
    : reference.startsWith(".")
      ? [path.posix.join(dir, reference)]
      : [path.posix.join(dir, reference), ...ancestors(dir).map((ancestor) => path.posix.join(ancestor, "miniprogram_npm", reference))];
  for (const base of bases.flatMap((base) => [base, `${base}/index`])) {
    const file = path.posix.normalize(base).replace(/^(\.\.\/|\/)+/, "");
    if ((await source.read(`${file}.json`)) !== undefined) return file;
  }
  return undefined;
}

function ancestors(dir: string): string[] {
  const list = [dir];
  let current = dir;
  while (current !== ".") {
    current = path.posix.dirname(current);
    list.push(current);
  }
  return list;
}


function describe(error: SchemaError): string {
  const where = error.errorProperty || "the file";
  switch (error.errorType) {
    case "required":
      return `${error.errorProperty ? `${error.errorProperty}.` : ""}${error.requireProperty} is required`;
    case "type":
    case "anyOf":
      return `${where} must be of type ${error.correctType?.join(" or ")}`;
    case "enum":
      return `${where} must be one of ${error.correctType?.map((value) => JSON.stringify(value)).join(", ")}`;
    case "const":
      return `${where} must be ${JSON.stringify(error.requireProperty)}`;
    default:
      return `${where} breaks the schema's "${error.errorType}" rule (${error.requireProperty})`;
  }
}
