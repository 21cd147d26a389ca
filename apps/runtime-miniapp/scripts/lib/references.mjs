// What a Mini Program file points at, and where that is: components (usingComponents), modules (require in
// .js and .wxs), WXML imports (<wxs src>, <import>, <include>) and WXSS imports. Used to check the source and
// to copy exactly the @vant/weapp files the runtime needs.
import { existsSync } from "node:fs";
import path from "node:path";

export const COMPONENT_FILES = [".js", ".json", ".wxml", ".wxss"];

const PATTERNS = {
  ".js": [/\brequire\(\s*["']([^"']+)["']\s*\)/g],
  ".wxs": [/\brequire\(\s*["']([^"']+)["']\s*\)/g],
  ".wxml": [/<(?:wxs|import|include)\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/g],
  ".wxss": [/@import\s+["']([^"']+)["']/g],
};

/**
 * `{ kind: "component" | "file", request }` for each reference in a file's content. Components are named
 * without extension (a directory's `index` included); files with theirs.
 */
export function referencesOf(file, content) {
  const extension = path.extname(file);
  if (extension === ".json") {
    const usingComponents = JSON.parse(content).usingComponents ?? {};
    return Object.values(usingComponents).map((request) => ({ kind: "component", request }));
  }
  return (PATTERNS[extension] ?? []).flatMap((pattern) =>
    [...content.matchAll(pattern)].map((match) => ({ kind: "file", request: match[1] })),
  );
}

/**
 * Where a reference from `fromFile` leads, as a path without checking it exists: "/x" from the package root,
 * "./x" and "../x" from the file, and "@vant/weapp/x" inside `npmRoots["@vant/weapp"]`.
 */
export function resolveReference(packageRoot, fromFile, request, npmRoots) {
  if (request.startsWith("/")) return path.join(packageRoot, request);
  if (request.startsWith(".")) return path.resolve(path.dirname(fromFile), request);
  const npm = Object.keys(npmRoots).find((name) => request === name || request.startsWith(`${name}/`));
  return npm ? path.join(npmRoots[npm], request.slice(npm.length + 1)) : path.resolve(path.dirname(fromFile), request);
}

/** The files a resolved reference stands for: a component's four files, or one module or import. */
export function referencedFiles(kind, resolved) {
  if (kind === "component") return COMPONENT_FILES.map((extension) => resolved + extension);
  if (path.extname(resolved)) return [resolved];
  // require("./x") means x.js, as in CommonJS.
  return [`${resolved}.js`];
}

export function missingFiles(files) {
  return files.filter((file) => !existsSync(file));
}
