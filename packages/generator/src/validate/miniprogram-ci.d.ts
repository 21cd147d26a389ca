// miniprogram-ci's typings cover its main entry only. Schemas and sizes load two of its internal modules directly
// instead, since the main entry loads the whole compiler (~1.7 s and console output) for what are here a JSON-schema
// check and the packOptions matcher; sizes.test.ts loads a third, the list of file types an upload carries, to hold
// sizes.ts's copy equal to it. schemas.ts and sizes.ts reference this file, so it comes along wherever they are
// compiled.

declare module "miniprogram-ci/dist/modules/corecompiler/original/validate/schemaValidate.js" {
  export { schemaValidate } from "miniprogram-ci";
}

declare module "miniprogram-ci/dist/utils/white_ext_list.js" {
  /** Extensions of the files an upload carries (the built-in list; the compiler may fetch a newer one). */
  export const MiniProgramWhiteList: readonly string[];
}

declare module "miniprogram-ci/dist/utils/filerules.js" {
  /** One `packOptions.ignore` / `packOptions.include` entry of project.config.json; `type` is folder, file,
   * suffix, prefix, glob or regexp (any other matches nothing). */
  export type PackRule = { type: string; value: string };
  const rules: {
    isFileIgnored(path: string, rules: readonly PackRule[]): boolean;
    isFileIncluded(path: string, rules: readonly PackRule[]): boolean;
  };
  export default rules;
}
