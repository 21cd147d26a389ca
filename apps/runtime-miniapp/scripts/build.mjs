// Checks the Mini Program source's structure (every page listed in app.json has its four files, every JSON file
// parses) and copies it to dist/. The template and generator work replaces this with miniprogram-ci's compile.
import { cp, readFile, readdir, rm, stat } from "node:fs/promises";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const src = path.join(root, "src");
const problems = [];

async function exists(file) {
  return stat(file).then(() => true, () => false);
}

async function jsonFiles(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(".json")).map((e) => path.join(e.parentPath, e.name));
}

for (const file of await jsonFiles(src)) {
  try {
    JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    problems.push(`${path.relative(root, file)}: ${error.message}`);
  }
}

const app = JSON.parse(await readFile(path.join(src, "app.json"), "utf8"));
if (!Array.isArray(app.pages) || app.pages.length === 0) problems.push("src/app.json: `pages` must list at least one page");
for (const page of app.pages ?? []) {
  for (const ext of [".js", ".json", ".wxml", ".wxss"]) {
    if (!(await exists(path.join(src, page + ext)))) problems.push(`src/${page}${ext}: missing (listed in app.json pages)`);
  }
}

if (problems.length) {
  console.error(`Mini Program runtime is invalid:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
await rm(path.join(root, "dist"), { recursive: true, force: true });
await cp(src, path.join(root, "dist"), { recursive: true });
console.log(`Mini Program runtime ready: ${app.pages.length} page(s) in apps/runtime-miniapp/dist`);
