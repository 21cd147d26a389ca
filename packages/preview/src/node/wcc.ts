// Runs wcc, WeChat's own WXML compiler shipped in miniprogram-compiler, over a package. Using the real
// compiler (not j-component's string parser) is what makes <template>, <import>, <include> and
// <wxs src> work, which @vant/weapp relies on.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { constants, readFileSync, readdirSync } from "node:fs";
import { access, chmod, copyFile, mkdir, readFile, rename } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Custom component tag names used by each page or component, keyed by package-relative path without extension. */
export type ComponentTags = Map<string, string[]>;

// Compiling all of @vant/weapp takes 100-200 ms; a test file renders the same package many times.
const compiled = new Map<string, Promise<string>>();

/** Compiles every .wxml and .wxs file of the package and returns the JavaScript wcc prints (defines `$gwx`). */
export async function compileWxml(packageDir: string, componentTags: ComponentTags): Promise<string> {
  // Named "./path" as the devtools name them: wcc's runtime resolves absolute imports and includes
  // ("/tpl/row.wxml") only for files named that way. Templates are then looked up as "./<path>.wxml".
  const files = packageFiles(packageDir).filter((file) => /\.wx(ml|s)$/.test(file)).map((file) => `./${file}`);
  // wcc wants "<count> <file.wxml> <n> <tag>..." in one argument, like the devtools pass it.
  const tagArgs = [...componentTags].filter(([, tags]) => tags.length > 0);
  const componentArg = [tagArgs.length, ...tagArgs.flatMap(([file, tags]) => [`./${file}.wxml`, tags.length, ...tags])].join(" ");
  const args = ["-d", "-cc", componentArg, ...files.filter((file) => file.endsWith(".wxml")), ...files.filter((file) => file.endsWith(".wxs")), "-gn", "$gwx"];

  // Keyed by content, not by directory: tests rewrite fixture files between renders.
  const hash = createHash("sha256").update(packageDir).update(JSON.stringify(args));
  // Synchronous reads: several times faster than async ones for a few hundred small files.
  for (const file of files) hash.update(readFileSync(path.join(packageDir, file)));
  const key = hash.digest("hex");
  let output = compiled.get(key);
  if (!output) {
    output = wccBinary().then((wcc) => run(wcc, args, { cwd: packageDir, maxBuffer: 64 * 1024 * 1024 }).then(({ stdout }) => stdout));
    compiled.set(key, output);
    output.catch(() => compiled.delete(key));
  }
  return output;
}

function packageFiles(packageDir: string): string[] {
  const entries = readdirSync(packageDir, { recursive: true, withFileTypes: true });
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
  const compilerDir = path.dirname(createRequire(import.meta.url).resolve("miniprogram-compiler/package.json"));
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
