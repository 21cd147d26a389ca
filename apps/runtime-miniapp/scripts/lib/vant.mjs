// Copies the @vant/weapp components the runtime uses into miniprogram_npm, with exactly the files they reach
// (their own components, common/, mixins/, wxs/ modules and imports), as `ci.packNpm` would but without
// the rest of the library. Taken from `lib`, the CommonJS build named by the package's "miniprogram" field.
import { copyFile, mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { COMPONENT_FILES, missingFiles, referencedFiles, referencesOf, resolveReference } from "./references.mjs";

export const VANT = "@vant/weapp";

export function vantLibDir() {
  const packageJson = createRequire(import.meta.url).resolve(`${VANT}/package.json`);
  return path.join(path.dirname(packageJson), "lib");
}

/** The component names (e.g. "stepper") the source's usingComponents ask for. */
export async function usedVantComponents(srcDir, files) {
  const names = new Set();
  for (const file of files.filter((name) => name.endsWith(".json"))) {
    for (const { kind, request } of referencesOf(file, await readFile(path.join(srcDir, file), "utf8"))) {
      if (kind === "component" && request.startsWith(`${VANT}/`)) names.add(request.slice(VANT.length + 1).split("/")[0]);
    }
  }
  return [...names].sort();
}

/** Copies the components and everything they reach to `<outDir>/miniprogram_npm/@vant/weapp`. */
export async function packVant(components, outDir) {
  const libDir = vantLibDir();
  const targetDir = path.join(outDir, "miniprogram_npm", VANT);
  const pending = components.flatMap((name) => COMPONENT_FILES.map((extension) => path.join(libDir, name, `index${extension}`)));
  const copied = new Set();
  while (pending.length) {
    const file = pending.pop();
    if (copied.has(file)) continue;
    const missing = missingFiles([file]);
    if (missing.length) throw new Error(`${VANT}: ${path.relative(libDir, file)} is referenced but not in the package`);
    copied.add(file);
    const content = await readFile(file, "utf8");
    for (const { kind, request } of referencesOf(file, content)) {
      pending.push(...referencedFiles(kind, resolveReference(libDir, file, request, {})));
    }
    const target = path.join(targetDir, path.relative(libDir, file));
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(file, target);
  }
  return [...copied].map((file) => path.relative(libDir, file).split(path.sep).join("/")).sort();
}
