// Where the built bundle lives (packages/preview/dist/bundle.json, written by `npm run build` of this package),
// and reading it back for the dashboard's bundle route.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { PreviewBundle } from "../bundle";

export const BUNDLE_FILE = "dist/bundle.json";

/**
 * The package directory, found by Node's module resolution from the working directory: the dashboard's server
 * is bundled, so this file's own location is not where the package lives.
 */
function packageDir(): string {
  const fromCwd = createRequire(path.join(process.cwd(), "index.js"));
  return path.dirname(fromCwd.resolve("@kaidian/preview/package.json"));
}

let cached: Promise<PreviewBundle> | undefined;

/** The built bundle, read once per process. Throws naming the build step when it has not been built. */
export function readPreviewBundle(): Promise<PreviewBundle> {
  cached ??= readFile(path.join(packageDir(), BUNDLE_FILE), "utf8").then(
    (text) => JSON.parse(text) as PreviewBundle,
    (error: NodeJS.ErrnoException) => {
      cached = undefined;
      if (error.code === "ENOENT") throw new Error(`The preview bundle is not built: run \`npx turbo run build --filter=@kaidian/preview\` (${BUNDLE_FILE})`);
      throw error;
    },
  );
  return cached;
}
