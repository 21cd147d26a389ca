// The runtime's source files and the rules for what the build ships.
import { readdir } from "node:fs/promises";
import path from "node:path";

/** Tests stay in the source. */
export function isShipped(relativePath) {
  return !relativePath.endsWith(".ts");
}

/** Every file under `dir`, as sorted paths relative to it with "/" separators. */
export async function listFiles(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}
