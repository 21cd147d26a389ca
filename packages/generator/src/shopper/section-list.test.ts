// @vitest-environment jsdom
// The section switch: a section type this runtime does not know (a newer dashboard, served live by the read API)
// is skipped, never a blank page, and merchant text is shown as text, never as markup.
import { sampleSnapshot, type SectionInstance } from "@kaidian/templates";
import { expect, it } from "vitest";
import { openSamplePage } from "./sample-page";

function homeWith(sections: unknown[]) {
  const snapshot = sampleSnapshot("ecommerce");
  snapshot.site.config.pages.home!.sections = sections as SectionInstance[];
  return snapshot;
}

it("skips a section type it does not know and renders the others", async () => {
  const API = "https://api.kaidian.test/mp/v1/sample-ecommerce";
  const snapshot = sampleSnapshot("ecommerce", { apiBase: API });
  const live = structuredClone(snapshot.site);
  live.config.pages.home!.sections = [
    { id: "future", type: "live-stream", settings: { roomId: "42" } },
    { id: "notice", type: "notice", settings: { text: "照常营业", scroll: false, link: { kind: "none" } } },
  ] as unknown as SectionInstance[];
  const page = await openSamplePage("ecommerce", "home", {
    snapshot,
    wx: { respond: (request) => ({ statusCode: 200, data: request.url.endsWith("/site") ? live : snapshot.catalog }) },
  });
  expect(page.text()).toBe("公告 照常营业");
});

it("shows markup in merchant text literally", async () => {
  const markup = '<img src=x onerror="alert(1)"> {{store.phone}}';
  const snapshot = homeWith([
    { id: "notice", type: "notice", settings: { text: markup, scroll: false, link: { kind: "none" } } },
    { id: "story", type: "rich-text", settings: { blocks: [{ style: "heading", text: "<script>alert(2)</script>" }] } },
  ]);
  const page = await openSamplePage("ecommerce", "home", { snapshot });
  expect(page.text()).toContain(markup);
  expect(page.text()).toContain("<script>alert(2)</script>");
  expect(page.root.querySelector("img, script")).toBeNull();
});

it("greets with the store's name when the home page has no sections", async () => {
  const page = await openSamplePage("ecommerce", "home", { snapshot: homeWith([]) });
  expect(page.text()).toBe("山野咖啡每日新鲜烘焙，从云南山野到你的杯中");
});
