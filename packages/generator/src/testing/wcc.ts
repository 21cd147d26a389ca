// Runs wcc, WeChat's own WXML compiler shipped in miniprogram-compiler, over a package. Using the real
// compiler (not j-component's string parser) is what makes <template>, <import>, <include> and
// <wxs src> work, which @vant/weapp relies on.
import { execFile } from "node:child_process";
import { constants } from "node:fs";
import { access, chmod, copyFile, mkdir, readFile, readdir, rename } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Custom component tag names used by each page or component, keyed by package-relative path without extension. */
export type ComponentTags = Map<string, string[]>;

/** Compiles every .wxml and .wxs file of the package and returns the JavaScript wcc prints (defines `$gwx`). */
export async function compileWxml(packageDir: string, componentTags: ComponentTags): Promise<string> {
  const files = await packageFiles(packageDir);
  const wxml = files.filter((file) => file.endsWith(".wxml"));
  const wxs = files.filter((file) => file.endsWith(".wxs"));
  // wcc wants "<count> <file.wxml> <n> <tag>..." in one argument, like the devtools pass it.
  const tagArgs = [...componentTags].filter(([, tags]) => tags.length > 0);
  const componentArg = [tagArgs.length, ...tagArgs.flatMap(([file, tags]) => [`${file}.wxml`, tags.length, ...tags])].join(" ");
  const { stdout } = await run(await wccBinary(), ["-d", "-cc", componentArg, ...wxml, ...wxs, "-gn", "$gwx"], {
    cwd: packageDir,
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

async function packageFiles(packageDir: string): Promise<string[]> {
  const entries = await readdir(packageDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(packageDir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .filter((file) => !file.startsWith("node_modules/"))
    .sort();
}

let binary: Promise<string> | undefined;

function wccBinary(): Promise<string> {
  binary ??= executableWcc();
  return binary;
}

/**
 * npm does not keep the executable bit on the binaries in miniprogram-compiler, and chmod-ing files inside
 * node_modules (what the package itself tries) fails on read-only installs: copy it once to the temp dir.
 */
async function executableWcc(): Promise<string> {
  // Resolved from miniprogram-simulate, whose dependency it is.
  const fromSimulate = createRequire(createRequire(import.meta.url).resolve("miniprogram-simulate"));
  const compilerDir = path.dirname(fromSimulate.resolve("miniprogram-compiler/package.json"));
  const name = { darwin: "mac/wcc", win32: "windows/wcc.exe" }[process.platform as string] ?? "linux/wcc";
  const shipped = path.join(compilerDir, "bin", name);
  if (await isExecutable(shipped)) return shipped;

  const { version } = JSON.parse(await readFile(path.join(compilerDir, "package.json"), "utf8")) as { version: string };
  const copy = path.join(os.tmpdir(), `kaidian-wcc-${version}`, path.basename(name));
  if (await isExecutable(copy)) return copy;
  await mkdir(path.dirname(copy), { recursive: true });
  // Copy then rename, so a parallel test process never runs a half-written file.
  const partial = `${copy}.${process.pid}`;
  await copyFile(shipped, partial);
  await chmod(partial, 0o755);
  await rename(partial, copy);
  return copy;
}

async function isExecutable(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(
    () => true,
    () => false,
  );
}
