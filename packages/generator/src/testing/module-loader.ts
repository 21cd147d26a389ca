// A CommonJS loader scoped to one package, as the Mini Program runtime has one: paths resolve inside the
// package (bare names through miniprogram_npm), and each render gets fresh module instances.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { lookupBases } from "@kaidian/preview/node";

/** The runtime's globals (Page, wx, getApp...), handed to every module as wrapper parameters. */
export type ModuleGlobals = Record<string, unknown>;

type Module = { exports: unknown };

export type ModuleLoader = { load(file: string): unknown };

export function createModuleLoader(packageDir: string, globals: ModuleGlobals): ModuleLoader {
  const cache = new Map<string, Module>();
  const names = Object.keys(globals);

  function load(file: string): unknown {
    const cached = cache.get(file);
    if (cached) return cached.exports;
    const module: Module = { exports: {} };
    // Cached before running, so require cycles see the partial exports as in Node and the runtime.
    cache.set(file, module);
    // Parameters instead of real globals: nothing to restore after a render, and no leaks between renders.
    const run = vm.compileFunction(readFileSync(file, "utf8"), ["exports", "require", "module", ...names], {
      filename: file,
    });
    const require = (request: string) => load(resolveModule(packageDir, path.dirname(file), request));
    run(module.exports, require, module, ...names.map((name) => globals[name]));
    return module.exports;
  }

  return { load };
}

/** Where `require(request)` from a file in `fromDir` leads. Throws for anything outside the package. */
function resolveModule(packageDir: string, fromDir: string, request: string): string {
  for (const base of lookupBases(packageDir, fromDir, request)) {
    for (const candidate of [base, `${base}.js`, path.join(base, "index.js")]) {
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    }
  }
  throw new Error(`Cannot find module '${request}' from ${path.relative(packageDir, fromDir) || "."} in the package`);
}
