// The files a store's Mini Program reaches from its app.json: its pages, the tab icons its tab bar shows, and all
// they refer to (components through usingComponents, modules through require, WXML imports and <wxs>, WXSS
// imports). Everything else of the runtime stays out of its package: another template's pages and sections,
// unused tab icons, libraries only those use.
import path from "node:path";

const COMPONENT_FILES = [".js", ".json", ".wxml", ".wxss"];

const PATTERNS: Record<string, RegExp[]> = {
  ".js": [/\brequire\(\s*["']([^"']+)["']\s*\)/g],
  ".wxs": [/\brequire\(\s*["']([^"']+)["']\s*\)/g],
  ".wxml": [/<(?:wxs|import|include)\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']/g],
  ".wxss": [/@import\s+["']([^"']+)["']/g],
};

/** `roots`: files every package has (app.json and the per-store files beside it). */
export function reachableFiles(files: ReadonlyMap<string, Buffer>, roots: readonly string[]): Set<string> {
  const reached = new Set<string>();
  const pending = roots.filter((file) => files.has(file));
  const visit = (file: string) => {
    if (files.has(file) && !reached.has(file)) pending.push(file);
  };
  while (pending.length) {
    const file = pending.pop()!;
    if (reached.has(file)) continue;
    reached.add(file);
    const content = files.get(file)!.toString("utf8");
    if (file === "app.json") {
      for (const page of appPages(content)) for (const extension of COMPONENT_FILES) visit(`${page}${extension}`);
      for (const icon of tabIcons(content)) visit(icon);
      for (const base of ["app.js", "app.wxss", "sitemap.json"]) visit(base);
    }
    const extension = path.posix.extname(file);
    if (extension === ".json") {
      for (const request of Object.values(usingComponents(content))) {
        const component = resolveComponent(files, file, request);
        if (component) for (const componentExtension of COMPONENT_FILES) visit(`${component}${componentExtension}`);
      }
    }
    for (const pattern of PATTERNS[extension] ?? []) {
      for (const match of content.matchAll(pattern)) {
        const target = resolveFile(files, file, match[1]!, extension === ".js" || extension === ".wxs" ? extension : "");
        if (target) visit(target);
      }
    }
  }
  return reached;
}

function appPages(content: string): string[] {
  const app = JSON.parse(content) as { pages?: string[]; subPackages?: { root: string; pages: string[] }[] };
  return [...(app.pages ?? []), ...(app.subPackages ?? []).flatMap((sub) => sub.pages.map((page) => path.posix.join(sub.root, page)))];
}

function tabIcons(content: string): string[] {
  const app = JSON.parse(content) as { tabBar?: { list?: { iconPath?: string; selectedIconPath?: string }[] } };
  return (app.tabBar?.list ?? []).flatMap((tab) => [tab.iconPath, tab.selectedIconPath]).filter((icon): icon is string => Boolean(icon));
}

function usingComponents(content: string): Record<string, string> {
  return (JSON.parse(content) as { usingComponents?: Record<string, string> }).usingComponents ?? {};
}

/** "/x" from the package root, "./x" and "../x" from the file, anything else from miniprogram_npm (npm packages). */
function candidates(from: string, request: string): string[] {
  if (request.startsWith("/")) return [request.slice(1)];
  const relative = path.posix.normalize(path.posix.join(path.posix.dirname(from), request));
  if (request.startsWith(".")) return [relative];
  return [relative, path.posix.join("miniprogram_npm", request)];
}

function resolveComponent(files: ReadonlyMap<string, Buffer>, from: string, request: string): string | undefined {
  for (const base of candidates(from, request)) {
    if (files.has(`${base}.json`)) return base;
    if (files.has(`${base}/index.json`)) return `${base}/index`;
  }
  return undefined;
}

/** A module or import: as written, or with the script's extension added, or a folder's index. */
function resolveFile(files: ReadonlyMap<string, Buffer>, from: string, request: string, scriptExtension: string): string | undefined {
  for (const base of candidates(from, request)) {
    for (const file of [base, ...(scriptExtension ? [`${base}${scriptExtension}`, `${base}/index${scriptExtension}`] : [])]) {
      if (files.has(file)) return file;
    }
  }
  return undefined;
}
