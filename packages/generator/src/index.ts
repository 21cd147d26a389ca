export { generatePackage, packageFormOf, writeDirectory, GENERATOR_VERSION, type PackageForm, type GenerateOptions, type GeneratedPackage, type FailedPackage, type GeneratorInput } from "./generate";
export { describeFiles, type Manifest } from "./manifest";
export { checkSizes, compilePackage, measurePackage, validateSchemas, type PackageSizes, type Problem } from "./validate";
export { formatProblem, type TenantProblem } from "./problems";
export { loadRuntime, type Runtime } from "./runtime";
export { zipFiles, unzipFiles } from "./zip";
export { loadCompiledRuntime, compiledRuntimeKey, COMPILED_RUNTIME_CACHE, type CompiledRuntime } from "./precompiled";
export { BAKED_ITEMS_BYTES, FIRST_PAGE_ITEMS, firstScreensCatalog } from "./first-screens";
export { generateTemplatePackage, TEMPLATE_PACKAGE_NAME, type GeneratedTemplatePackage, type TemplateManifest, type TemplatePackageInput } from "./template-package";
