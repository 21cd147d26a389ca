// Builds the Mini Program runtime into dist/: checks the source, copies what ships, draws the tab bar icons,
// packs the @vant/weapp components in use and writes runtime.json (version, pages, section types) for the
// generator. The generator then adds each tenant's files (see GENERATOR_FILES in runtime.json).
import { copyFile, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadCommonJs } from "./lib/commonjs.mjs";
import { isShipped, listFiles } from "./lib/source-tree.mjs";
import { TAB_ICON_NAMES, tabIconFiles } from "./lib/tab-icons.mjs";
import { sectionTypes, validateSource } from "./lib/validate.mjs";
import { packVant, usedVantComponents, VANT, vantLibDir } from "./lib/vant.mjs";

const root = path.resolve(import.meta.dirname, "..");
const srcDir = path.join(root, "src");

/** Above this the runtime leaves too little of WeChat's 2 MB main package to merchants' pictures. */
const SIZE_BUDGET = 600 * 1024;

/** What the generator writes into every package, on top of dist/. */
const GENERATOR_FILES = ["app.json", "project.config.json", "ext.json", "sitemap.json", "theme.wxss", "config/site.js"];

async function directorySize(dir) {
  let total = 0;
  for (const file of await listFiles(dir)) total += (await stat(path.join(dir, file))).size;
  return total;
}

/** Builds into `outDir` (replacing it) and returns the manifest; throws with every problem found. */
export async function buildRuntime(outDir = path.join(root, "dist")) {
  const files = await listFiles(srcDir);
  const problems = await validateSource(srcDir, files, { [VANT]: vantLibDir() }, GENERATOR_FILES);
  if (problems.length) throw new Error(`Mini Program runtime is invalid:\n  ${problems.join("\n  ")}`);

  await rm(outDir, { recursive: true, force: true });
  for (const file of files.filter(isShipped)) {
    await mkdir(path.dirname(path.join(outDir, file)), { recursive: true });
    await copyFile(path.join(srcDir, file), path.join(outDir, file));
  }

  const tabDir = path.join(outDir, "assets", "tab");
  await mkdir(tabDir, { recursive: true });
  for (const [name, png] of Object.entries(tabIconFiles())) await writeFile(path.join(tabDir, name), png);

  const vantComponents = await usedVantComponents(srcDir, files);
  await packVant(vantComponents, outDir);

  const { PAGE_PATHS, TRADE_PAGE_PATHS } = loadCommonJs(path.join(srcDir, "lib", "pages.js"));
  const { COLOR_VARIABLES, RADIUS } = loadCommonJs(path.join(srcDir, "lib", "theme.js"));
  const { version } = JSON.parse(await readFile(path.join(root, "package.json"), "utf8"));
  const { version: vantVersion } = JSON.parse(await readFile(path.join(vantLibDir(), "..", "package.json"), "utf8"));
  const manifest = {
    version,
    pages: PAGE_PATHS,
    tradePages: TRADE_PAGE_PATHS,
    sectionTypes: sectionTypes(files),
    // How theme.wxss turns config.theme into variables: a colour key per variable, and --kd-radius by `corners`.
    theme: { colors: Object.fromEntries(COLOR_VARIABLES), radius: RADIUS },
    tabIcons: Object.fromEntries(
      TAB_ICON_NAMES.map((name) => [name, { iconPath: `assets/tab/${name}.png`, selectedIconPath: `assets/tab/${name}-active.png` }]),
    ),
    generatorFiles: GENERATOR_FILES,
    npm: { [VANT]: { version: vantVersion, license: "MIT", components: vantComponents } },
  };
  await writeFile(path.join(outDir, "runtime.json"), `${JSON.stringify(manifest, null, 2)}\n`);

  const size = await directorySize(outDir);
  if (size > SIZE_BUDGET) {
    throw new Error(`Mini Program runtime is ${Math.round(size / 1024)} KB, over its ${SIZE_BUDGET / 1024} KB budget`);
  }
  return { manifest, size };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const { manifest, size } = await buildRuntime();
    console.log(
      `Mini Program runtime ${manifest.version}: ${Object.keys(manifest.pages).length} pages, ` +
        `${manifest.sectionTypes.length} section types, ${(size / 1024).toFixed(1)} KB in apps/runtime-miniapp/dist`,
    );
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
