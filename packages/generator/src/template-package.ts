// The platform template package (third-party platform, 第三方平台): one package per runtime version that serves every
// store, where a store's own package (generate.ts) serves one. It bakes no store: at launch it reads its store from
// the ext.json WeChat commits it with (wx.getExtConfigSync(): shop-api's address, the store, the configuration's
// number; runtime lib/ext-store.js) and loads that store's published site from shop-api, keeping the last one in
// storage. So it holds every page, section and tab icon of the runtime, and a store's commit needs nothing but its
// ext.json. The same checks as a store's package apply: sizes, WeChat's JSON schemas, and on request the offline
// compile.
import { requiredPrivateInfos, sampleSnapshot, templates, type TemplateId } from "@kaidian/templates";
import { compactFile } from "./compact";
import { GENERATOR_VERSION, writePackage, type PackageForm } from "./generate";
import { describeFiles } from "./manifest";
import { LIB_VERSION } from "./package-files";
import { loadCompiledRuntime, type CompiledRuntime } from "./precompiled";
import type { TenantProblem } from "./problems";
import { reachableFiles } from "./reachable";
import { loadRuntime, type Runtime } from "./runtime";
import { checkSizes, measurePackage, validateSchemas, type Problem } from "./validate";
import { zipFiles } from "./zip";

/** What the problems of the template's package name in place of a store. */
export const TEMPLATE_PACKAGE_NAME = "platform-template";

export type TemplatePackageInput = {
  /**
   * The platform's development Mini Program (开发小程序, bound to the platform on open.weixin.qq.com): its upload
   * goes to the platform's draft box. `touristappid` builds one WeChat DevTools opens without it.
   */
  appid: string;
};

export type TemplateManifest = {
  kind: "platformTemplate";
  appid: string;
  versions: { runtime: string; generator: string };
  form: PackageForm;
  contentHash: string;
  sizes: { main: number; total: number; zip: number };
  files: { path: string; bytes: number; sha256: string }[];
};

export type GeneratedTemplatePackage = {
  ok: true;
  manifest: TemplateManifest;
  files: ReadonlyMap<string, Buffer>;
  zip: Buffer;
  written?: { dir: string; zip: string; manifest: string };
};

export type TemplatePackageOptions = {
  outDir?: string;
  compile?: boolean;
  form?: PackageForm;
  runtime?: Runtime;
  compiledRuntime?: CompiledRuntime;
};

/** What the template's config/site.js is: the store ext.json names, not a baked one. */
const LAUNCH_SNAPSHOT = `// The platform template bakes no store: its store comes from ext.json (lib/ext-store.js).\nmodule.exports = require("../lib/ext-store.js").launchSnapshot();\n`;

export async function generateTemplatePackage(
  input: TemplatePackageInput,
  options: TemplatePackageOptions = {},
): Promise<GeneratedTemplatePackage | { ok: false; problems: TenantProblem[] }> {
  const fail = (problems: Problem[]) => ({ ok: false as const, problems: problems.map((p) => ({ tenant: TEMPLATE_PACKAGE_NAME, ...p })) });
  const runtime = options.runtime ?? (await loadRuntime());
  const form = options.form ?? "compiled";
  const runtimeFiles = form === "compiled" ? (options.compiledRuntime ?? (await loadCompiledRuntime(runtime))).files : runtime.files;
  const all = new Map(runtimeFiles);
  const put = (file: string, content: string) => all.set(file, Buffer.from(form === "compiled" ? compactFile(file, content) : content));

  const app = JSON.parse(runtime.files.get("app.json")?.toString("utf8") ?? "null") as Record<string, unknown> | null;
  if (!app) return fail([{ file: "app.json", rule: "runtime", message: `runtime ${runtime.version} has no app.json` }]);
  // Every privacy API any store's package may call: WeChat refuses a call app.json does not declare.
  const privateInfos = [...new Set((Object.keys(templates) as TemplateId[]).flatMap((id) => requiredPrivateInfos(templates[id], sampleSnapshot(id).site.config)))].sort();
  put("app.json", JSON.stringify({ ...app, ...(privateInfos.length ? { requiredPrivateInfos: privateInfos } : {}) }, null, 2));
  put("project.config.json", JSON.stringify(projectConfig(input.appid), null, 2));
  // extEnable: the development Mini Program runs (and uploads) as a third-party platform's template. Its `ext` is
  // empty: WeChat replaces ext.json with each store's at commit.
  put("ext.json", JSON.stringify({ extEnable: true, extAppid: input.appid, directCommit: false, ext: {} }, null, 2));
  put("config/site.js", LAUNCH_SNAPSHOT);

  // Every tab icon: a store's ext.json chooses its tab bar from all of them.
  const icons = Object.values(runtime.tabIcons).flatMap((icon) => [icon.iconPath, icon.selectedIconPath]);
  const roots = ["app.json", "project.config.json", "ext.json", "sitemap.json", "theme.wxss", "config/site.js", ...icons];
  const kept = reachableFiles(all, roots);
  const files = new Map([...all].filter(([file]) => kept.has(file)).sort(([a], [b]) => a.localeCompare(b)));

  const sizes = await measurePackage(files);
  const checked = [...checkSizes(sizes), ...(await validateSchemas(files))];
  if (checked.length) return fail(checked);
  const zip = zipFiles(files);
  const described = describeFiles(files);
  const manifest: TemplateManifest = {
    kind: "platformTemplate",
    appid: input.appid,
    versions: { runtime: runtime.version, generator: GENERATOR_VERSION },
    form,
    contentHash: described.contentHash,
    sizes: { main: sizes.main, total: sizes.total, zip: zip.length },
    files: described.files,
  };
  return writePackage(TEMPLATE_PACKAGE_NAME, { manifest, files, zip }, options, input.appid, fail);
}

function projectConfig(appid: string) {
  return {
    appid,
    projectname: TEMPLATE_PACKAGE_NAME,
    compileType: "miniprogram",
    miniprogramRoot: "",
    libVersion: LIB_VERSION,
    setting: { es6: true, enhance: true, postcss: true, minified: true, minifyWXML: true, minifyWXSS: true, urlCheck: true, ignoreUploadUnusedFiles: true },
    packOptions: { ignore: [], include: [] },
    condition: {},
  };
}
