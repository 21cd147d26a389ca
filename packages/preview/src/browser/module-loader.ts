// A CommonJS loader over the bundle's scripts, as the Mini Program runtime has one: paths resolve inside the
// package (bare names through miniprogram_npm), and each preview gets fresh module instances.

type Module = { exports: unknown };

export type ModuleLoader = {
  /** Runs (once) the package-relative script `file` ("pages/home/index.js") and returns its exports. */
  load(file: string): unknown;
};

/** `provided` are modules that are data, not code (config/site.js: the snapshot), by package-relative path. */
export function createModuleLoader(scripts: Record<string, string>, globals: Record<string, unknown>, provided: Record<string, unknown>): ModuleLoader {
  const cache = new Map<string, Module>();
  const names = Object.keys(globals);

  function load(file: string): unknown {
    const cached = cache.get(file);
    if (cached) return cached.exports;
    if (Object.hasOwn(provided, file)) {
      cache.set(file, { exports: provided[file] });
      return provided[file];
    }
    const source = scripts[file];
    if (source === undefined) throw new Error(`${file} is not a script of the runtime`);
    const module: Module = { exports: {} };
    // Cached before running, so require cycles see the partial exports as in the runtime.
    cache.set(file, module);
    // The runtime's own code, from the bundle; the globals are parameters, so nothing leaks between previews.
    const run = new Function("exports", "require", "module", ...names, `${source}\n//# sourceURL=kaidian-runtime/${file}`);
    const require = (request: string) => load(resolveModule(scripts, provided, dirname(file), request));
    run(module.exports, require, module, ...names.map((name) => globals[name]));
    return module.exports;
  }

  return { load };
}

function resolveModule(scripts: Record<string, string>, provided: Record<string, unknown>, fromDir: string, request: string): string {
  const exists = (file: string) => Object.hasOwn(scripts, file) || Object.hasOwn(provided, file);
  for (const base of lookupBases(fromDir, request)) {
    for (const candidate of [base, `${base}.js`, `${base}/index.js`]) if (exists(candidate)) return candidate;
  }
  throw new Error(`Cannot find module '${request}' from ${fromDir || "."} in the runtime`);
}

/**
 * Package-relative paths a reference may name, in the runtime's order: relative to the referring file, "/x" from
 * the root, a bare "x/y" relative first and then in miniprogram_npm of each directory up to the root. A path
 * leaving the package is dropped.
 */
export function lookupBases(fromDir: string, request: string): string[] {
  if (request.startsWith("/")) return [normalize(request.slice(1))].filter(isInside);
  const bases = [normalize(join(fromDir, request))];
  if (!request.startsWith(".")) {
    for (let dir = fromDir; ; dir = dirname(dir)) {
      bases.push(normalize(join(join(dir, "miniprogram_npm"), request)));
      if (dir === "") break;
    }
  }
  return bases.filter(isInside);
}

export function dirname(file: string): string {
  const slash = file.lastIndexOf("/");
  return slash < 0 ? "" : file.slice(0, slash);
}

function join(dir: string, request: string): string {
  return dir ? `${dir}/${request}` : request;
}

const OUTSIDE = "\0outside";

function normalize(file: string): string {
  const parts: string[] = [];
  for (const part of file.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length === 0) return OUTSIDE;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join("/");
}

function isInside(file: string): boolean {
  return file !== OUTSIDE;
}
