// What WeChat draws around a page before any of its code runs: the navigation bar (title, colours), the window's
// background and the tab bar. They come from app.json's `window` and `tabBar` and the page's own JSON; for a third-party
// platform's commit (an ext.json with extEnable) WeChat lays ext.json's `window`, `tabBar` and `extPages` over them:
// `pages` and `tabBar.list` replace the template's, every other key is inserted or overrides key by key, and a page's
// extPages entry overrides its page JSON.
import { readFileSync } from "node:fs";
import path from "node:path";

export type PageFrame = { window: Record<string, unknown>; tabBar: Record<string, unknown> | null };

/** Keys of a page's JSON that configure its component, not its window. */
const COMPONENT_KEYS = new Set(["usingComponents", "component", "componentGenerics", "componentPlaceholder", "styleIsolation"]);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function readJson(file: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return {};
  }
  return isObject(parsed) ? parsed : {};
}

/** The frame of `route` ("pages/home/index") in the package directory, as WeChat shows it. */
export function pageFrame(packageDir: string, route: string): PageFrame {
  const app = readJson(path.join(packageDir, "app.json"));
  const extFile = readJson(path.join(packageDir, "ext.json"));
  const ext = extFile.extEnable === true ? extFile : {};
  const page = Object.fromEntries(Object.entries(readJson(path.join(packageDir, `${route}.json`))).filter(([key]) => !COMPONENT_KEYS.has(key)));
  const extPage = isObject(ext.extPages) && isObject(ext.extPages[route]) ? ext.extPages[route] : {};
  const window = { ...(isObject(app.window) ? app.window : {}), ...(isObject(ext.window) ? ext.window : {}), ...page, ...extPage };
  const tabBar = isObject(app.tabBar) || isObject(ext.tabBar) ? { ...(isObject(app.tabBar) ? app.tabBar : {}), ...(isObject(ext.tabBar) ? ext.tabBar : {}) } : null;
  return { window, tabBar };
}
