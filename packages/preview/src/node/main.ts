// `npm run build` of this package: writes dist/bundle.json from the runtime's built dist/.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { runtimeDir } from "@kaidian/runtime-miniapp";
import { buildPreviewBundle } from "./build-bundle";
import { BUNDLE_FILE } from "./bundle-file";

const bundle = await buildPreviewBundle(runtimeDir);
const target = path.join(import.meta.dirname, "../..", BUNDLE_FILE);
await mkdir(path.dirname(target), { recursive: true });
await writeFile(target, JSON.stringify(bundle));
console.log(`preview bundle ${bundle.hash}: ${Math.round(JSON.stringify(bundle).length / 1024)} KB, ${Object.keys(bundle.pages).length} pages`);
