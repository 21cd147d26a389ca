// Loads one of the runtime's CommonJS modules from Node. The app's package.json says "type": "module", so Node
// would read src/**/*.js as ES modules; this runs the file as the Mini Program does. Only for self-contained
// modules (lib/pages.js, lib/theme.js): their `require` is not provided.
import { readFileSync } from "node:fs";
import vm from "node:vm";

export function loadCommonJs(file) {
  const module = { exports: {} };
  const run = vm.compileFunction(readFileSync(file, "utf8"), ["module", "exports"], { filename: file });
  run(module, module.exports);
  return module.exports;
}
