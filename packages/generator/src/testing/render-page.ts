// Renders one page of a Mini Program package directory into jsdom, the way a shopper would open it.
import { existsSync } from "node:fs";
import path from "node:path";
import { createAppShim, loadTemplates } from "@kaidian/preview";
import { collectComponents, compileWxml, readAppJson } from "@kaidian/preview/node";
import { createFakeWx, type Responder, type ShopperWx } from "./fake-wx";
import { jComponent, type ComponentInstance } from "./j-component";
import { createModuleLoader } from "./module-loader";
import { createRegistry } from "./register";
import { openPage, type RenderedPage } from "./rendered-page";

export type { FakeRequest, FakeResponse, FakeWx, Responder, ShopperWx, WxCall } from "./fake-wx";
export type { RenderedPage } from "./rendered-page";

export type RenderOptions = {
  /** The page's query string, as onLoad receives it. */
  query?: Record<string, string>;
  /** How wx.request is answered; without it every request fails as on an unreachable network. */
  wx?: { respond?: Responder; shopper?: ShopperWx };
  /** Initial contents of wx storage. */
  storage?: Record<string, unknown>;
};

/**
 * Opens `pagePath` ("pages/home/index") of the package in `packageDir`: launches app.js, loads the page and
 * every component it uses, and runs onLoad/onShow/onReady. Requests the page starts are still pending when
 * this resolves: `settle()` lets them answer.
 */
export async function renderPage(packageDir: string, pagePath: string, options: RenderOptions = {}): Promise<RenderedPage> {
  // First, so that a test without a DOM fails with an explanation before any work.
  const j = jComponent();
  const packageRoot = path.resolve(packageDir);
  const route = pagePath.replace(/^\//, "");
  const query = { ...options.query };
  const appJson = readAppJson(packageRoot);
  // The runtime only opens pages app.json lists.
  if (!appJson.routes.includes(route)) throw new Error(`${route} is not a page of app.json (pages: ${appJson.routes.join(", ")})`);

  const components = collectComponents(packageRoot, route, appJson.usingComponents);
  const componentTags = new Map(components.map((component) => [component.relative, Object.keys(component.using)]));
  const templates = loadTemplates(await compileWxml(packageRoot, componentTags));

  const pages: ComponentInstance[] = [];
  const fake = createFakeWx(packageRoot, { respond: options.wx?.respond, storage: options.storage, shopper: options.wx?.shopper }, () => pages.at(-1));
  const app = createAppShim();
  const registry = createRegistry();
  const loader = createModuleLoader(packageRoot, {
    ...registry.constructors,
    App: app.App,
    getApp: app.getApp,
    getCurrentPages: () => [...pages],
    wx: fake.wx,
  });

  const appJs = path.join(packageRoot, "app.js");
  if (existsSync(appJs)) loader.load(appJs);
  app.launch({ path: route, query, scene: 1001, referrerInfo: {} });

  const root = j.create(registry.register(packageRoot, components, templates, loader));
  if (!root) throw new Error(`j-component did not create ${route}`);
  return openPage(root, { route, query, fake, pages });
}
