// How the Mini Program runtime resolves a module or component reference inside one package directory.
import path from "node:path";

/**
 * The paths a module or component reference may name, in the runtime's order: "./x" and "../x" relative to
 * the referring file, "/x" from the package root, and a bare "x/y" relative first, then in miniprogram_npm
 * of the referring directory and each parent up to the package root. Paths leaving the package are dropped.
 */
export function lookupBases(packageDir: string, fromDir: string, request: string): string[] {
  if (request.startsWith("/")) return [path.join(packageDir, request)].filter((base) => isInside(packageDir, base));
  const bases = [path.resolve(fromDir, request)];
  if (!request.startsWith(".")) {
    for (let dir = fromDir; isInside(packageDir, dir); dir = path.dirname(dir)) {
      bases.push(path.join(dir, "miniprogram_npm", request));
      if (dir === packageDir) break;
    }
  }
  return bases.filter((base) => isInside(packageDir, base));
}

function isInside(packageDir: string, file: string): boolean {
  const relative = path.relative(packageDir, file);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}
