// Renders one tenant's Mini Program package in memory: the per-tenant files rendered with Handlebars, the sample
// pictures the config and catalog refer to, and of the runtime's files only those the store's pages reach (its
// template's pages, the sections its config uses, the tab icons its tab bar shows).
//
// Two forms: "source" takes the runtime as written; "compiled" takes the precompiled runtime (precompiled.ts) and
// writes the per-tenant files compact, so the package is what miniprogram-ci's upload would have sent.
import {
  pages,
  requiredPrivateInfos,
  sampleAsset,
  storeLook,
  tradePages,
  tradePagesOf,
  type PageId,
  type SiteSnapshot,
  type StoreConfig,
  type TemplateDefinition,
} from "@kaidian/templates";
import { compactFile } from "./compact";
import { fileTemplate } from "./handlebars";
import { reachableFiles } from "./reachable";
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
  /** The runtime's files to package: `runtime.files`, or their compiled form with `compact` set. */
  runtimeFiles: ReadonlyMap<string, Buffer>;
  compact: boolean;
};

/** The component that renders a page's sections: one usingComponents entry and one WXML branch per section type. */
const SECTION_LIST = "components/section-list/index";

export function renderPackageFiles(request: PackageRequest): Map<string, Buffer> {
  const { template, snapshot, runtime, appid, tenant, runtimeFiles, compact } = request;
  const config = snapshot.site.config;
  const usedPages = new Set(template.pages.map((page) => pages[page.id].path));
  const all = new Map(runtimeFiles);
  const put = (file: string, content: string) => all.set(file, Buffer.from(compact ? compactFile(file, content) : content));
  const look = storeLook(template, config, runtime.tabIcons);

  const context = {
    appid,
    projectName: `kaidian-${tenant.slug}`,
    libVersion: LIB_VERSION,
    tenantId: tenant.id,
    apiBase: snapshot.apiBase,
    configVersion: snapshot.site.configVersion,
    config,
    // The template's pages, then the trading pages its store uses (they are no tabs and never the home page).
    pagePaths: [...template.pages.map((page) => pages[page.id].path), ...tradePagesOf(template).map((id) => tradePages[id].path)],
    requiredPrivateInfos: requiredPrivateInfos(template, config),
    look,
    indexedPages: INDEXED_PAGES.filter((id) => usedPages.has(pages[id].path)).map((id) => pages[id].path),
    colors: Object.entries(runtime.theme.colors).map(([variable, setting]) => ({
      variable,
      value: config.theme[setting as keyof typeof config.theme],
    })),
    radius: runtime.theme.radius[config.theme.corners] ?? "0",
    snapshot,
  };
  for (const [file, template] of Object.entries(render)) put(file, template(context));

  for (const page of template.pages) {
    const file = `${pages[page.id].path}.json`;
    const pageJson = JSON.parse(all.get(file)?.toString("utf8") ?? "{}") as Record<string, unknown>;
    put(file, JSON.stringify({ ...pageJson, navigationBarTitleText: look.pageTitles[pages[page.id].path] }, null, 2));
  }
  keepSections(all, new Set(Object.values(config.pages).flatMap((pageConfig) => (pageConfig?.sections ?? []).map((section) => section.type))), put);

  const assets = [...packagedAssets(snapshot)];
  for (const ref of assets) {
    const svg = sampleAssetBytes(ref);
    if (svg) all.set(ref.slice(1), svg);
  }

  const kept = reachableFiles(all, ["app.json", ...Object.keys(render), ...assets.map((ref) => ref.slice(1))]);
  return new Map([...all].filter(([file]) => kept.has(file)));
}

/**
 * Narrows the section list to the section types the store's config uses: their usingComponents entries and WXML
 * branches stay, the others go, and with them (being unreachable) their folders.
 */
function keepSections(files: Map<string, Buffer>, used: ReadonlySet<string>, put: (file: string, content: string) => void): void {
  const json = files.get(`${SECTION_LIST}.json`);
  const wxml = files.get(`${SECTION_LIST}.wxml`);
  if (!json || !wxml) return;
  const component = JSON.parse(json.toString("utf8")) as { usingComponents?: Record<string, string> };
  const dropped: string[] = [];
  const kept = Object.fromEntries(
    Object.entries(component.usingComponents ?? {}).filter(([tag, target]) => {
      const type = /\/sections\/([a-z-]+)\/index$/.exec(target)?.[1];
      if (type === undefined || used.has(type)) return true;
      dropped.push(tag);
      return false;
    }),
  );
  put(`${SECTION_LIST}.json`, JSON.stringify({ ...component, usingComponents: kept }, null, 2));
  let markup = wxml.toString("utf8");
  // Each branch is one self-closing element with a wx:if of its own (see the runtime's section-list).
  for (const tag of dropped) markup = markup.replace(new RegExp(`[ \\t]*<${tag}\\s[^>]*/>\\n?`, "g"), "");
  files.set(`${SECTION_LIST}.wxml`, Buffer.from(markup));
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
