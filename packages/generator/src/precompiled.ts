// The runtime compiled once, as WeChat's upload would compile it: every runtime file through miniprogram-ci with
// the upload setting (ES6 to ES5 with Babel, JS, WXML and WXSS minified, the Babel helpers it pulls in). Runtime
// files compile the same whatever the store (Babel and the minifiers work file by file), so a store's build takes
// them from here and renders only its own files: no compiler per store, none at upload.
//
// Cached on disk, addressed by content: the runtime's files, miniprogram-ci's version and the setting. `npm run
// build` fills the cache (packages/generator's build); a process that finds it empty compiles once and fills it.
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { runCiTask, UPLOAD_SETTING } from "@kaidian/wechat/ci";
import type { Runtime } from "./runtime";

export type CompiledRuntime = {
  /** The cache key: equal keys, byte-identical files. */
  key: string;
  /** Package-relative path -> compiled bytes, for every runtime file (and the Babel helpers the code requires). */
  files: ReadonlyMap<string, Buffer>;
};

export const COMPILED_RUNTIME_CACHE = path.join(import.meta.dirname, "..", ".cache", "compiled-runtime");

const CI_VERSION = (createRequire(import.meta.url)("miniprogram-ci/package.json") as { version: string }).version;

/** What the compile needs beside the runtime to see a whole project; per-store files, never kept. */
const PLACEHOLDERS: Record<string, string> = {
  "project.config.json": JSON.stringify({ appid: "touristappid", compileType: "miniprogram", miniprogramRoot: "", setting: {} }),
  "ext.json": JSON.stringify({ extEnable: false, ext: {} }),
  "config/site.js": "module.exports = {};\n",
};

const loaded = new WeakMap<Runtime, Promise<CompiledRuntime>>();

export function compiledRuntimeKey(runtime: Runtime): string {
  const hash = createHash("sha256").update(`kaidian-compiled-runtime-1\0${CI_VERSION}\0${JSON.stringify(UPLOAD_SETTING)}\0`);
  for (const file of [...runtime.files.keys()].sort()) {
    hash.update(`${file}\0`).update(createHash("sha256").update(runtime.files.get(file)!).digest()).update("\0");
  }
  return hash.digest("hex");
}

/** The compiled runtime, from the cache or compiled now (seconds; once per runtime version and machine). */
export function loadCompiledRuntime(runtime: Runtime, options: { cacheDir?: string; timeoutMs?: number } = {}): Promise<CompiledRuntime> {
  let compiled = loaded.get(runtime);
  if (!compiled) {
    compiled = readOrCompile(runtime, options.cacheDir ?? COMPILED_RUNTIME_CACHE, options.timeoutMs ?? 300_000);
    // A failed compile (a timeout on a loaded machine) is not remembered: the next build tries again.
    compiled.catch(() => loaded.delete(runtime));
    loaded.set(runtime, compiled);
  }
  return compiled;
}

async function readOrCompile(runtime: Runtime, cacheDir: string, timeoutMs: number): Promise<CompiledRuntime> {
  const key = compiledRuntimeKey(runtime);
  const dir = path.join(cacheDir, key);
  const cached = await readTree(dir).catch(() => null);
  if (cached) return { key, files: cached };

  await mkdir(cacheDir, { recursive: true });
  const scratch = await mkdtemp(path.join(cacheDir, ".compiling-"));
  try {
    const project = path.join(scratch, "project");
    const out = path.join(scratch, "out");
    for (const [file, content] of [...runtime.files, ...Object.entries(PLACEHOLDERS)]) {
      await mkdir(path.dirname(path.join(project, file)), { recursive: true });
      await writeFile(path.join(project, file), content);
    }
    const report = await runCiTask({ task: "compile", projectPath: project, appid: "touristappid", outDir: out }, { timeoutMs });
    if (!report.ok) throw new Error(`The Mini Program runtime ${runtime.version} does not compile: ${report.path ?? ""} ${report.message}`);
    for (const file of Object.keys(PLACEHOLDERS)) await rm(path.join(out, file), { force: true });
    // Another process may have filled the same key meanwhile: its files are the same bytes.
    await rename(out, dir).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOTEMPTY" && error.code !== "EEXIST") throw error;
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return { key, files: await readTree(dir) };
}

async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, file).split(path.sep).join("/"), await readFile(file));
  }
  if (!files.size) throw new Error(`${dir} is empty`);
  return files;
}
