// How big the package is, counted the way miniprogram-ci builds an upload (ci/upload.js packs the compiler's
// output; summer/graph/basegraph.js decides which files go in):
// - only files of an uploadable type (MiniProgramWhiteList: .js .json .wxml .wxss .wxs, images, audio, video,
//   .wasm ...; matched case-sensitively, so `.PNG` stays behind); .md, .ts, .map and the like never go up;
// - minus node_modules/, .git/, .svn/, .DS_Store (config.getDefaultIgnores) and what project.config.json's
//   packOptions.ignore matches unless packOptions.include does;
// - project.config.json is replaced by a ~60-byte stub, so it is not counted; project.private.config.json does
//   go up, as it is.
// These are source bytes: the compiler minifies JS, WXML, WXSS and JSON, and with ignoreUploadUnusedFiles drops
// files nothing uses, so WeChat's own figures come out lower. Budgets checked against these are safe upper bounds.
/// <reference path="./miniprogram-ci.d.ts" />
import path from "node:path";
import { WECHAT_PACKAGE_LIMITS, type SizeBudget } from "@kaidian/wechat";
import filerules, { type PackRule } from "miniprogram-ci/dist/utils/filerules.js";
import { isRecord, readJsonFile, subpackagesOf } from "./json-files";
import { packageSource, type PackageInput } from "./package-source";
import type { Problem } from "./problem";

export type PackageSizes = {
  main: number;
  subpackages: { root: string; bytes: number }[];
  total: number;
  /** Every counted file, largest first, so a size problem can name what to shrink. */
  files: { path: string; bytes: number }[];
};

const MB = 1024 * 1024;
/**
 * miniprogram-ci's built-in `MiniProgramWhiteList` (utils/white_ext_list.js), as it is: that module also loads its
 * HTTP client (the `request` library and ~200 modules, ~10 MB resident) to ask WeChat for a newer list, which a
 * publishing worker has no use for. sizes.test.ts holds the two equal, so a miniprogram-ci update cannot drift.
 */
export const UPLOADABLE_EXTENSIONS = [
  ".wxml", ".wxss", ".wxs", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".js", ".json", ".cer", ".mp3", ".aac", ".m4a", ".mp4",
  ".wav", ".ogg", ".silk", ".wasm", ".br", ".cur", ".ico", ".skel", ".crt", ".cert",
] as const;
const UPLOADABLE = new Set<string>(UPLOADABLE_EXTENSIONS);
const DEFAULT_IGNORED = /(^|\/)(node_modules|\.git|\.svn)\/|(^|\/)\.DS_Store$/;

export async function measurePackage(input: PackageInput): Promise<PackageSizes> {
  const source = packageSource(input);
  const app = await readJsonFile(source, "app.json");
  const roots = subpackagesOf(app?.ok ? app.value : undefined).map(({ root }) => root);
  const config = await readJsonFile(source, "project.config.json");
  const packOptions = config?.ok && isRecord(config.value) && isRecord(config.value.packOptions) ? config.value.packOptions : {};
  const ignore = packRules(packOptions.ignore);
  const include = packRules(packOptions.include);

  const files: PackageSizes["files"] = [];
  for (const file of await source.list()) {
    if (file === "project.config.json" || DEFAULT_IGNORED.test(file) || !UPLOADABLE.has(path.posix.extname(file))) continue;
    if (!filerules.isFileIncluded(file, include) && filerules.isFileIgnored(file, ignore)) continue;
    const content = await source.read(file);
    if (content) files.push({ path: file, bytes: content.length });
  }
  files.sort((a, b) => b.bytes - a.bytes || a.path.localeCompare(b.path));

  const bytesOf = (root: string | undefined) =>
    files.filter((file) => subpackageOf(file.path, roots) === root).reduce((sum, file) => sum + file.bytes, 0);
  return {
    main: bytesOf(undefined),
    subpackages: roots.map((root) => ({ root, bytes: bytesOf(root) })),
    total: files.reduce((sum, file) => sum + file.bytes, 0),
    files,
  };
}

export function checkSizes(sizes: PackageSizes, budget: SizeBudget = WECHAT_PACKAGE_LIMITS): Problem[] {
  const roots = sizes.subpackages.map(({ root }) => root);
  const problems: Problem[] = [];
  const check = (file: string, rule: string, what: string, bytes: number, limit: number, within: (path: string) => boolean) => {
    if (bytes <= limit) return;
    const largest = sizes.files
      .filter((entry) => within(entry.path))
      .slice(0, 5)
      .map((entry) => `${entry.path} (${formatBytes(entry.bytes)})`);
    problems.push({
      file,
      rule,
      message: `${what} is ${formatBytes(bytes)}, ${formatBytes(bytes - limit)} over the ${formatBytes(limit)} limit; largest files: ${largest.join(", ")}`,
    });
  };
  check(".", "size.main", "main package", sizes.main, budget.mainBytes, (file) => subpackageOf(file, roots) === undefined);
  for (const { root, bytes } of sizes.subpackages) {
    check(root, "size.subpackage", `subpackage ${root}`, bytes, budget.subpackageBytes, (file) => subpackageOf(file, roots) === root);
  }
  check(".", "size.total", "the package with all its subpackages", sizes.total, budget.totalBytes, () => true);
  return problems;
}

function subpackageOf(file: string, roots: readonly string[]): string | undefined {
  return roots.find((root) => file.startsWith(`${root}/`));
}

function packRules(value: unknown): PackRule[] {
  if (!Array.isArray(value)) return [];
  return value.filter((rule): rule is PackRule => isRecord(rule) && typeof rule.type === "string" && typeof rule.value === "string");
}

function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${Number((bytes / MB).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} B`;
}
