/**
 * One thing wrong with a Mini Program package, before the generator says which tenant it belongs to.
 * - `file`: package-relative path (`app.json`, `pages/home/index.wxml`); `.` for the package as a whole and a
 *   subpackage's root for that subpackage.
 * - `rule`: short stable id, safe to match on: `json.syntax`, `json.missing`, `schema.<kind>` (app, projectconfig,
 *   ext, sitemap, page, component), `compile.<WeChat error code>` (e.g. `compile.10005`), `compile.error` (no
 *   code), `size.main`, `size.subpackage`, `size.total`.
 * - `message`: English, says what is wrong and where.
 */
export type Problem = { file: string; rule: string; message: string };
