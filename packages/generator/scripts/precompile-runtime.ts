// `npm run build` (this package's build): compiles the built Mini Program runtime with miniprogram-ci once, into the
// content-addressed cache every store's build reads (src/precompiled.ts). A no-op when the cache already holds it.
import { loadCompiledRuntime, loadRuntime } from "../src/index";

const started = performance.now();
const runtime = await loadRuntime();
const compiled = await loadCompiledRuntime(runtime);
console.log(
  `Mini Program runtime ${runtime.version} compiled for upload: ${compiled.files.size} files, ${compiled.key.slice(0, 12)} ` +
    `(${((performance.now() - started) / 1000).toFixed(1)} s)`,
);
