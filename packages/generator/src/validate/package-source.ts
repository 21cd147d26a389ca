// A package to check, either rendered in memory (the generator checks before writing anything) or on disk.
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";

export type PackageSource = {
  /** Package-relative paths with forward slashes. */
  list(): Promise<string[]>;
  /** `undefined` when the file does not exist. */
  read(file: string): Promise<Buffer | undefined>;
};

export type PackageInput = string | ReadonlyMap<string, Buffer>;

export function packageSource(input: PackageInput): PackageSource {
  if (typeof input !== "string") {
    return { list: async () => [...input.keys()], read: async (file) => input.get(file) };
  }
  return {
    async list() {
      const entries = await readdir(input, { withFileTypes: true, recursive: true });
      return entries
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(input, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
    },
    async read(file) {
      try {
        return await readFile(path.join(input, file));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "EISDIR") return undefined;
        throw error;
      }
    },
  };
}
