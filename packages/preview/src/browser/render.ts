// Renders one page of the Mini Program runtime into a shadow root of `container`, from the preview bundle and a
// site snapshot, the way WeChat's view layer draws it: the runtime's own scripts, wcc-compiled WXML and WXSS.
import type { SiteSnapshot } from "@kaidian/templates";
import type { PreviewBundle } from "../bundle";
import { createAppShim } from "./app";
import { BASE_CSS } from "./base-css";
import { registerBuiltIns } from "./built-ins";
import { createFakeWx, type NavigationRequest } from "./fake-wx";
import { exparser, jComponent, runCollectingErrors, type ComponentInstance, type RootComponent } from "./j-component";
import { createModuleLoader, type ModuleLoader } from "./module-loader";
import { createRegistry } from "./register";
import { loadTemplates } from "./templates";
import type { TemplateFunction } from "./types";

export type { NavigationRequest } from "./fake-wx";

export type PreviewOptions = {
  /** The page's query, as onLoad receives it. */
  query?: Record<string, string>;
  /** The previewed Mini Program asked to open another page. */
  onNavigate?(request: NavigationRequest): void;
  /** Page code failed while handling a tap or an update (rendering failures throw instead). */
  onError?(error: unknown): void;
  /** Where "/assets/..." pictures that are not in the bundle are served from: "<assetBase>/assets/...". */
  assetBase?: string;
  /**
   * wx storage, kept by the host across the pages it renders: the cart or basket one page fills is the one the
   * next page shows. Without it, each rendered page starts with empty storage.
   */
  storage?: Map<string, string>;
};

export type PreviewHandle = {
  /** The shadow root the page is drawn in. */
  readonly root: ShadowRoot;
  /** Shows another snapshot of the same store. */
  update(snapshot: SiteSnapshot): void;
  destroy(): void;
};

type Mounted = { root: RootComponent; page: ComponentInstance; loader: ModuleLoader; tabBar: string };

// wcc's output is evaluated once per bundle: its expression cache belongs to that package.
const templatesOf = new WeakMap<PreviewBundle, (wxmlPath: string) => TemplateFunction>();

export function renderPreview(container: HTMLElement, bundle: PreviewBundle, snapshot: SiteSnapshot, route: string, options: PreviewOptions = {}): PreviewHandle {
  const components = bundle.pages[route];
  if (!components) throw new Error(`${route} is not a page of the runtime (pages: ${Object.keys(bundle.pages).join(", ")})`);
  const templates = templatesOf.get(bundle) ?? loadTemplates(bundle.wxml);
  templatesOf.set(bundle, templates);
  const pageComponents = components;

  const shadow = container.shadowRoot ?? container.attachShadow({ mode: "open" });
  const style = document.createElement("style");
  style.textContent = `${BASE_CSS}\n${bundle.css}`;
  const viewport = document.createElement("div");
  viewport.className = "kdp-viewport";
  shadow.replaceChildren(style, viewport);

  const imageUrl = (src: string) => {
    const packaged = bundle.images[src.replace(/^\//, "")];
    if (packaged) return packaged;
    return src.startsWith("/assets/") ? `${options.assetBase ?? ""}${src}` : src;
  };
  const builtIns = registerBuiltIns({ imageUrl });
  const query = { ...options.query };

  function mount(current: SiteSnapshot): Mounted {
    const pages: ComponentInstance[] = [];
    const app = createAppShim();
    const registry = createRegistry();
    const wx = createFakeWx({ currentPage: () => pages.at(-1), onNavigate: (request) => options.onNavigate?.(request), storage: options.storage });
    const loader = createModuleLoader(
      bundle.scripts,
      { ...registry.constructors, App: app.App, getApp: app.getApp, getCurrentPages: () => [...pages], wx },
      // The snapshot is data handed over as the module's exports, never written into code.
      { "config/site.js": structuredClone(current) },
    );
    return runCollectingErrors(() => {
      if (bundle.scripts["app.js"] !== undefined) loader.load("app.js");
      app.launch({ path: route, query, scene: 1001, referrerInfo: {} });
      const root = jComponent.create(registry.register(pageComponents, templates, loader, builtIns));
      if (!root) throw new Error(`j-component did not create ${route}`);
      const page = root.instance;
      Object.assign(page, { route, options: query });
      pages.push(page);
      root.attach(viewport);
      for (const name of ["onLoad", "onShow"]) call(page, name, query);
      root.triggerPageLifeTime("show");
      call(page, "onReady");
      paintTheme(root, loader, current);
      return { root, page, loader, tabBar: JSON.stringify(current.site.config.tabBar) };
    });
  }

  function unmount(mounted: Mounted) {
    try {
      runCollectingErrors(() => call(mounted.page, "onUnload"));
    } finally {
      mounted.root.detach();
      viewport.replaceChildren();
    }
  }

  let mounted: Mounted | undefined = mount(snapshot);

  // A click is a shopper's tap: delivered to the component tree as the view layer delivers it.
  const onClick = (event: Event) => {
    const target = event.composedPath()[0];
    if (!(target instanceof Element) || !viewport.contains(target)) return;
    try {
      runCollectingErrors(() =>
        exparser.Event.dispatchEvent(
          target,
          exparser.Event.create("tap", { x: 0, y: 0 }, { bubbles: true, composed: true, capturePhase: true, extraFields: { touches: [], changedTouches: [] } }),
        ),
      );
    } catch (error) {
      options.onError?.(error);
    }
  };
  shadow.addEventListener("click", onClick);

  // Typing in an input: delivered as the view layer delivers it, an `input` event whose detail is the value.
  const onInput = (event: Event) => {
    const field = event.composedPath()[0];
    if (!(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) || !viewport.contains(field)) return;
    const host = field.parentElement;
    if (!host) return;
    try {
      runCollectingErrors(() =>
        exparser.Event.dispatchEvent(
          host,
          exparser.Event.create("input", { value: field.value, cursor: field.selectionStart ?? field.value.length }, { bubbles: false, composed: false, capturePhase: false }),
        ),
      );
    } catch (error) {
      options.onError?.(error);
    }
  };
  shadow.addEventListener("input", onInput);

  return {
    root: shadow,
    update(next) {
      if (!mounted) throw new Error("This preview was destroyed");
      // The tab list is baked into the package (app.json); any other change reaches the page as the read API's
      // answers do, through the runtime's own showSite and setData.
      if (JSON.stringify(next.site.config.tabBar) !== mounted.tabBar) {
        unmount(mounted);
        mounted = mount(next);
        return;
      }
      const current = mounted;
      runCollectingErrors(() => {
        (current.loader.load("lib/site.js") as { showSite(site: unknown): void }).showSite({ site: next.site, catalog: next.catalog });
        paintTheme(current.root, current.loader, next);
      });
    },
    destroy() {
      shadow.removeEventListener("click", onClick);
      shadow.removeEventListener("input", onInput);
      if (mounted) unmount(mounted);
      mounted = undefined;
      shadow.replaceChildren();
    },
  };
}

/** The page element carries the theme as theme.wxss does in a package, with the runtime's own mapping. */
function paintTheme(root: RootComponent, loader: ModuleLoader, snapshot: SiteSnapshot) {
  const { themeStyle } = loader.load("lib/theme.js") as { themeStyle(theme: unknown): string };
  root.dom.setAttribute("style", `${themeStyle(snapshot.site.config.theme)}; background-color: var(--kd-background); color: var(--kd-text)`);
}

function call(page: ComponentInstance, name: string, ...args: unknown[]) {
  const handler = page[name];
  if (typeof handler === "function") handler.apply(page, args);
}
