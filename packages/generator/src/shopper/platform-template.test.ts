// @vitest-environment jsdom
// The platform template package: one package, committed to each store's Mini Program with that store's ext.json,
// shows that store (its site and catalog from shop-api, and from the first frame its window, page titles and tab bar
// from ext.json) as the store's own package shows it, and a later launch without network shows the same at once from
// what the first one kept.
import { cp, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { extJsonLook, pages, RUNTIME_TAB_ICONS, sampleSnapshot, storeLook, templates, type PageId, type SiteSnapshot, type TemplateId } from "@kaidian/templates";
import { beforeAll, describe, expect, it } from "vitest";
import { formatProblem } from "../problems";
import { loadRuntime } from "../runtime";
import { generateTemplatePackage, type GeneratedTemplatePackage } from "../template-package";
import { pageFrame } from "../testing/page-frame";
import { renderPage, type FakeRequest, type FakeResponse } from "../testing/render-page";
import { openSamplePage, samplePackage } from "./sample-page";

const SHOP_API = "https://api.kaidian.test";
const stores: { tenantId: string; templateId: TemplateId; page: PageId }[] = [
  { tenantId: "5b0c6f0e-4f7e-4a43-9d55-6a4f3c0e0a01", templateId: "ecommerce", page: "home" },
  { tenantId: "5b0c6f0e-4f7e-4a43-9d55-6a4f3c0e0a02", templateId: "restaurant", page: "home" },
];

let template: GeneratedTemplatePackage & { written: NonNullable<GeneratedTemplatePackage["written"]> };

beforeAll(async () => {
  const outDir = await mkdtemp(path.join(os.tmpdir(), "kaidian-platform-template-"));
  const generated = await generateTemplatePackage({ appid: "wx0123456789abcdef" }, { outDir });
  if (!generated.ok) throw new Error(generated.problems.map(formatProblem).join("\n"));
  template = generated as typeof template;
}, 120_000);

const snapshotOf = (store: (typeof stores)[number]): SiteSnapshot => sampleSnapshot(store.templateId, { tenantId: store.tenantId, apiBase: `${SHOP_API}/api/mp/v1/${store.tenantId}` });

/**
 * The template as WeChat runs it for a store: its files, with the ext.json the store's commit gave it (as
 * @kaidian/publishing's storeExtJson makes it: `ext`, and the look of the store's published configuration).
 */
async function committedTo(store: (typeof stores)[number]): Promise<string> {
  const dir = path.join(await mkdtemp(path.join(os.tmpdir(), "kaidian-committed-")), "app");
  await cp(template.written.dir, dir, { recursive: true });
  const look = storeLook(templates[store.templateId], snapshotOf(store).site.config);
  const ext = { extEnable: true, extAppid: "wxfedcba9876543210", directCommit: false, ext: { apiBase: SHOP_API, tenantId: store.tenantId, configVersion: 1 }, ...extJsonLook(look) };
  await writeFile(path.join(dir, "ext.json"), JSON.stringify(ext));
  return dir;
}

/** shop-api as the store's package meets it: the store's site and catalog, nothing else reachable. */
function shopApi(snapshot: SiteSnapshot) {
  const seen: string[] = [];
  const respond = (request: FakeRequest): FakeResponse | "fail" => {
    seen.push(request.url);
    if (request.url === `${snapshot.apiBase}/site`) return { statusCode: 200, data: snapshot.site, header: { ETag: '"s1"' } };
    if (request.url === `${snapshot.apiBase}/catalog?limit=20`) return { statusCode: 200, data: snapshot.catalog, header: { ETag: '"c1"' } };
    return "fail";
  };
  return { respond, seen };
}

describe("the platform template package", () => {
  it("holds every page of the runtime, reads its store from ext.json, and is compact as an upload sends it", () => {
    const files = template.files;
    const app = JSON.parse(files.get("app.json")!.toString("utf8")) as { pages: string[]; requiredPrivateInfos?: string[] };
    for (const page of Object.values(pages)) expect(app.pages).toContain(page.path);
    expect(app.requiredPrivateInfos).toEqual(["chooseAddress"]);
    expect(JSON.parse(files.get("ext.json")!.toString("utf8"))).toEqual({ extEnable: true, extAppid: "wx0123456789abcdef", directCommit: false, ext: {} });
    expect(files.get("config/site.js")!.toString("utf8")).toBe('module.exports=require("../lib/ext-store.js").launchSnapshot();');
    expect(template.manifest.versions.runtime).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("names the tab icons where the runtime keeps them, so a commit's ext.json needs no runtime files to name them", async () => {
    expect((await loadRuntime()).tabIcons).toEqual(RUNTIME_TAB_ICONS);
  });

  it.each(stores)("shows the $templateId store its ext.json names, as the store's own package does", async (store) => {
    const snapshot = snapshotOf(store);
    const api = shopApi(snapshot);
    const page = await renderPage(await committedTo(store), pages[store.page].path, { wx: { respond: api.respond } });
    await page.settle();
    expect(api.seen).toContain(`${snapshot.apiBase}/site`);
    expect(page.text()).toContain(snapshot.site.config.store.name);

    const own = await openSamplePage(store.templateId, store.page, { snapshot, wx: { respond: shopApi(snapshot).respond } });
    expect(page.text()).toBe(own.text());
  });

  it.each(stores)("draws the $templateId store's window, page titles and tab bar from its ext.json, as its own package's app.json does", async (store) => {
    const committed = await committedTo(store);
    const own = await samplePackage(store.templateId, snapshotOf(store));
    const config = snapshotOf(store).site.config;
    for (const page of templates[store.templateId].pages) {
      const route = pages[page.id].path;
      const frame = pageFrame(committed, route);
      expect(frame, route).toEqual(pageFrame(own, route));
      expect(frame.window.navigationBarTitleText, route).toBe(config.pages[page.id]?.title ?? pages[page.id].label["zh-CN"]);
      expect(frame.window.navigationBarBackgroundColor).toBe(config.theme.primaryColor);
    }
    const tabs = pageFrame(committed, pages.home.path).tabBar as { selectedColor: string; list: { pagePath: string; text: string }[] };
    expect(tabs.selectedColor).toBe(config.theme.primaryColor);
    expect(tabs.list.map((tab) => [tab.pagePath, tab.text])).toEqual(config.tabBar.map((tab) => [pages[tab.page].path, tab.text]));
    // Without the store's look, the template's own window and tab bar would show: the ext.json is what changes them.
    const bare = pageFrame(template.written.dir, pages.home.path);
    expect(bare.window.navigationBarTitleText).not.toBe(config.store.name);
    expect(bare.tabBar).not.toEqual(pageFrame(own, pages.home.path).tabBar);
  });

  it("shows two different stores from the same files", async () => {
    const [first, second] = await Promise.all(
      stores.map(async (store) => {
        const page = await renderPage(await committedTo(store), "pages/home/index", { wx: { respond: shopApi(snapshotOf(store)).respond } });
        await page.settle();
        return page.text();
      }),
    );
    expect(first).toContain(snapshotOf(stores[0]!).site.config.store.name);
    expect(second).toContain(snapshotOf(stores[1]!).site.config.store.name);
    expect(first).not.toContain(snapshotOf(stores[1]!).site.config.store.name);
    expect(second).not.toContain(snapshotOf(stores[0]!).site.config.store.name);
  });

  it("opens offline on a second launch with the store the first launch kept, and keeps another store's apart", async () => {
    const [store, other] = stores as [(typeof stores)[number], (typeof stores)[number]];
    const dir = await committedTo(store);
    const first = await renderPage(dir, "pages/home/index", { wx: { respond: shopApi(snapshotOf(store)).respond } });
    await first.settle();
    const kept = Object.fromEntries(first.wx.storage);

    const offline = await renderPage(dir, "pages/home/index", { storage: kept });
    // At once: before any request could have answered.
    expect(offline.text()).toContain(snapshotOf(store).site.config.store.name);
    await offline.settle();
    expect(offline.text()).toBe(first.text());

    // The same phone storage under another store's ext.json shows nothing of the first store.
    const elsewhere = await renderPage(await committedTo(other), "pages/home/index", { storage: kept });
    await elsewhere.settle();
    expect(elsewhere.text()).not.toContain(snapshotOf(store).site.config.store.name);
  });

  it("passes miniprogram-ci's full offline compile", async () => {
    const compiled = await generateTemplatePackage({ appid: "wx0123456789abcdef" }, { form: "source", compile: true });
    expect(compiled.ok ? [] : compiled.problems.map(formatProblem)).toEqual([]);
  }, 300_000);

  it("shows an empty store, and asks nothing, without an ext.json store (WeChat DevTools before a commit)", async () => {
    const page = await renderPage(template.written.dir, "pages/home/index");
    await page.settle();
    expect(page.wx.requests).toEqual([]);
  });
});
