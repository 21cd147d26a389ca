// Node-only entry: building and reading the preview bundle, and the package reading it shares with the generator's
// test harness.
export { readAppJson, type AppJson } from "./app-json";
export { buildPreviewBundle } from "./build-bundle";
export { readPreviewBundle } from "./bundle-file";
export { collectComponents, type ComponentFiles } from "./components";
export { lookupBases } from "./lookup";
export { compileWxml, type ComponentTags } from "./wcc";
