export { compilePackage, type CompileOptions } from "./compile";
export type { Problem } from "./problem";
export { validateSchemas } from "./schemas";
export { checkSizes, measurePackage, type PackageSizes } from "./sizes";
