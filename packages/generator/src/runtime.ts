// The Mini Program runtime as the generator sees it: the built files of apps/runtime-miniapp, read once per
// process and shared by every tenant's package.
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { runtimeDir } from "@kaidian/runtime-miniapp";
import { z } from "zod";

// dist/runtime.json, written by the runtime's build: what it can render and how the theme reaches its styles.
const runtimeManifestSchema = z.object({
  version: z.string(),
  sectionTypes: z.array(z.string()),
  theme: z.object({
    /** CSS variable -> theme setting holding its colour. */
    colors: z.record(z.string().regex(/^--kd-[a-z-]+$/), z.string()),
    /** Theme `corners` value -> the --kd-radius value. */
    radius: z.record(z.string(), z.string().regex(/^[0-9.]+(px)?$/)),
  }),
  tabIcons: z.record(z.string(), z.object({ iconPath: z.string(), selectedIconPath: z.string() })),
});

export type Runtime = z.infer<typeof runtimeManifestSchema> & {
  /** Package-relative path -> bytes. */
  files: ReadonlyMap<string, Buffer>;
};

const loaded = new Map<string, Promise<Runtime>>();

export function loadRuntime(dir: string = runtimeDir): Promise<Runtime> {
  let runtime = loaded.get(dir);
  if (!runtime) {
    runtime = readRuntime(dir);
    loaded.set(dir, runtime);
  }
  return runtime;
}

async function readRuntime(dir: string): Promise<Runtime> {
  const manifestFile = path.join(dir, "runtime.json");
  const manifest = runtimeManifestSchema.parse(
    JSON.parse(await readFile(manifestFile, "utf8").catch(() => {
      throw new Error(`The Mini Program runtime is not built (${manifestFile} is missing): run \`npm run build\``);
    })),
  );
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files = new Map<string, Buffer>();
  for (const entry of entries) {
    if (!entry.isFile() || entry.name === "runtime.json") continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, file).split(path.sep).join("/"), await readFile(file));
  }
  return { ...manifest, files };
}
