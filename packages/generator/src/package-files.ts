// Renders one tenant's Mini Program package in memory: the runtime's files minus the pages the template does not
// use, plus the per-tenant files rendered with Handlebars and the sample pictures the config and catalog refer to.
import { pages, sampleAsset, type PageId, type SiteSnapshot, type StoreConfig, type TemplateDefinition } from "@kaidian/templates";
import { fileTemplate } from "./handlebars";
import type { Runtime } from "./runtime";

/** Base library version the package targets: 2.32.3+ has the official privacy consent flow. */
export const LIB_VERSION = "3.6.0";

/** Pages WeChat search may index: catalogue pages, not a shopper's own cart, bookings or profile. */
const INDEXED_PAGES: readonly PageId[] = ["home", "category", "item", "store"];

const render = {
  "project.config.json": fileTemplate("project.config.json"),
  "app.json": fileTemplate("app.json"),
  "ext.json": fileTemplate("ext.json"),
  "sitemap.json": fileTemplate("sitemap.json"),
  "theme.wxss": fileTemplate("theme.wxss"),
  "config/site.js": fileTemplate("site.js"),
};

export type PackageRequest = {
  tenant: { id: string; slug: string };
  appid: string;
  template: TemplateDefinition;
  /** Validated: the config has passed its template's schema and the catalog its own. */
  snapshot: SiteSnapshot & { site: { config: StoreConfig } };
  runtime: Runtime;
};

export function renderPackageFiles(request: PackageRequest): Map<string, Buffer> {
  const { template, snapshot, runtime, appid, tenant } = request;
  const config = snapshot.site.config;
  const usedPages = new Set(template.pages.map((page) => pages[page.id].path));
  const unusedPageDirs = Object.values(pages)
    .filter((page) => !usedPages.has(page.path))
    .map((page) => `${page.path.slice(0, page.path.lastIndexOf("/"))}/`);

  const files = new Map<string, Buffer>();
  for (const [file, content] of runtime.files) {
    if (unusedPageDirs.some((dir) => file.startsWith(dir))) continue;
    files.set(file, content);
  }

  const context = {
    appid,
    projectName: `kaidian-${tenant.slug}`,
    libVersion: LIB_VERSION,
    tenantId: tenant.id,
    apiBase: snapshot.apiBase,
    configVersion: snapshot.site.configVersion,
    config,
    pagePaths: template.pages.map((page) => pages[page.id].path),
    tabs: config.tabBar.map((tab) => ({ path: pages[tab.page].path, text: tab.text, ...tabIcon(runtime, tab.page) })),
    indexedPages: INDEXED_PAGES.filter((id) => usedPages.has(pages[id].path)).map((id) => pages[id].path),
    colors: Object.entries(runtime.theme.colors).map(([variable, setting]) => ({
      variable,
      value: config.theme[setting as keyof typeof config.theme],
    })),
    radius: runtime.theme.radius[config.theme.corners] ?? "0",
    snapshot,
  };
  for (const [file, template] of Object.entries(render)) files.set(file, Buffer.from(template(context)));

  for (const page of template.pages) {
    const file = `${pages[page.id].path}.json`;
    const pageJson = JSON.parse(files.get(file)?.toString("utf8") ?? "{}") as Record<string, unknown>;
    const title = config.pages[page.id]?.title ?? pages[page.id].label["zh-CN"];
    files.set(file, Buffer.from(JSON.stringify({ ...pageJson, navigationBarTitleText: title }, null, 2)));
  }

  for (const ref of packagedAssets(snapshot)) {
    const svg = sampleAssetBytes(ref);
    if (svg) files.set(ref.slice(1), svg);
  }
  return files;
}

// One buffer per sample picture for the process, so the zip compresses each once (see zip.ts). The samples are a
// fixed set, so this stays small.
const sampleAssets = new Map<string, Buffer>();

function sampleAssetBytes(ref: string): Buffer | null {
  const known = sampleAssets.get(ref);
  if (known) return known;
  const svg = sampleAsset(ref);
  if (!svg) return null;
  const bytes = Buffer.from(svg);
  sampleAssets.set(ref, bytes);
  return bytes;
}

function tabIcon(runtime: Runtime, page: PageId): { iconPath: string; selectedIconPath: string } {
  const icon = runtime.tabIcons[pages[page].tabIcon];
  if (!icon) throw new Error(`Runtime ${runtime.version} has no tab icon "${pages[page].tabIcon}"`);
  return icon;
}

/** Every `/assets/...` picture the config or catalog refers to, found by walking the data. */
function packagedAssets(snapshot: SiteSnapshot): Set<string> {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === "string") {
      if (value.startsWith("/assets/")) found.add(value);
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (value && typeof value === "object") {
      Object.values(value).forEach(visit);
    }
  };
  visit(snapshot.site.config);
  visit(snapshot.catalog);
  return found;
}
