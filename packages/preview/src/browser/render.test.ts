// @vitest-environment jsdom
import { runtimeDir } from "@kaidian/runtime-miniapp";
import { sampleSnapshot, type SiteSnapshot } from "@kaidian/templates";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { PreviewBundle } from "../bundle";
import { buildPreviewBundle } from "../node/build-bundle";
import { renderPreview, type NavigationRequest, type PreviewHandle } from "./render";

let bundle: PreviewBundle;
const opened: PreviewHandle[] = [];

beforeAll(async () => {
  bundle = await buildPreviewBundle(runtimeDir);
});
afterEach(() => opened.splice(0).forEach((handle) => handle.destroy()));

function open(snapshot: SiteSnapshot, route = "pages/home/index", onNavigate?: (request: NavigationRequest) => void) {
  const host = document.body.appendChild(document.createElement("div"));
  const handle = renderPreview(host, bundle, snapshot, route, { onNavigate, assetBase: "/api/mp/v1" });
  opened.push(handle);
  return handle;
}

const withStoreName = (snapshot: SiteSnapshot, name: string): SiteSnapshot => ({
  ...snapshot,
  site: { ...snapshot.site, config: { ...snapshot.site.config, store: { ...snapshot.site.config.store, name } } },
});

describe("the browser preview", () => {
  it("keeps the runtime's styles and the dashboard's apart, converted for a 375 px phone", () => {
    const handle = open(sampleSnapshot("ecommerce"));
    const css = handle.root.querySelector("style")?.textContent ?? "";
    expect(css).toContain("wx-page");
    expect(css).not.toMatch(/\d+rpx/);
    expect(document.head.innerHTML).not.toContain("kd-card");
    // Theme variables ride on the page element, from the runtime's own mapping.
    expect(handle.root.querySelector("wx-page")?.getAttribute("style")).toContain("--kd-primary: #");
  });

  it("shows an edit through the runtime's setData, well within 150 ms", () => {
    const snapshot = sampleSnapshot("hotel");
    const handle = open(snapshot);
    const timings: number[] = [];
    for (let edit = 1; edit <= 10; edit++) {
      const next = withStoreName(snapshot, `湖畔民宿 ${edit}`);
      const started = performance.now();
      handle.update(next);
      timings.push(performance.now() - started);
      expect(handle.root.querySelector("kd-store-info")?.textContent).toContain(`湖畔民宿 ${edit}`);
    }
    const median = timings.sort((a, b) => a - b)[5] as number;
    expect(median).toBeLessThan(150);
  });

  it("draws again when the tab list changes, and reports the pages it is asked to open", () => {
    const snapshot = sampleSnapshot("ecommerce");
    const asked: NavigationRequest[] = [];
    const handle = open(snapshot, "pages/home/index", (request) => asked.push(request));
    const fewerTabs = { ...snapshot, site: { ...snapshot.site, config: { ...snapshot.site.config, tabBar: snapshot.site.config.tabBar.slice(0, 2) } } };
    handle.update(fewerTabs);
    expect(handle.root.querySelectorAll("wx-page")).toHaveLength(1);

    const card = handle.root.querySelector("kd-item-card wx-view") as HTMLElement;
    card.click();
    expect(asked[0]).toMatchObject({ route: "pages/item/index", query: { id: snapshot.catalog.items[0]?.id } });
  });

  it("shows sample pictures from the dashboard and merchant text only as text", () => {
    const snapshot = withStoreName(sampleSnapshot("restaurant"), '<img src=x onerror="alert(1)">老街');
    const handle = open(snapshot);
    expect(handle.root.querySelector("img[onerror]")).toBeNull();
    expect(handle.root.querySelector(".kdp-viewport")?.textContent).toContain('<img src=x onerror="alert(1)">老街');
    const picture = [...handle.root.querySelectorAll<HTMLElement>("wx-image")].find((image) => image.getAttribute("src")?.startsWith("/assets/"));
    expect(picture?.style.backgroundImage).toContain("/api/mp/v1/assets/samples/");
  });
});
