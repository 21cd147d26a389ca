// @vitest-environment jsdom
// The dashboard's preview (packages/preview, the runtime's own files run in the browser) shows what a generated
// package shows: the same sections, texts and order on each template's sample home page.
import { buildPreviewBundle } from "@kaidian/preview/node";
import { renderPreview, type PreviewHandle } from "@kaidian/preview/browser";
import type { PreviewBundle } from "@kaidian/preview";
import { runtimeDir } from "@kaidian/runtime-miniapp";
import { sampleSnapshot, templateList } from "@kaidian/templates";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { openSamplePage, type RenderedPage } from "../shopper/sample-page";
import { visibleText } from "./visible-text";

let bundle: PreviewBundle;
const open: { preview?: PreviewHandle; page?: RenderedPage; host?: HTMLElement }[] = [];

beforeAll(async () => {
  bundle = await buildPreviewBundle(runtimeDir);
});
afterEach(() => {
  for (const { preview, page, host } of open.splice(0)) {
    preview?.destroy();
    page?.detach();
    host?.remove();
  }
});

const sectionsOf = (root: Element | ShadowRoot) =>
  [...root.querySelectorAll("[data-section-id]")].map((element) => `${element.tagName.toLowerCase()}#${element.getAttribute("data-section-id")}`);

describe.each(templateList.map((template) => template.id))("the %s sample's home page", (templateId) => {
  it("shows the same sections, in the same order, with the same text as the generated package", async () => {
    const snapshot = sampleSnapshot(templateId);
    const page = await openSamplePage(templateId, "home");
    const host = document.body.appendChild(document.createElement("div"));
    const preview = renderPreview(host, bundle, snapshot, "pages/home/index");
    open.push({ preview, page, host });
    const viewport = preview.root.querySelector(".kdp-viewport") as Element;

    const expected = snapshot.site.config.pages.home?.sections.map((section) => `kd-${section.type}#${section.id}`);
    expect(sectionsOf(page.root)).toEqual(expected);
    expect(sectionsOf(viewport)).toEqual(expected);
    expect(visibleText(viewport)).toBe(page.text());
    expect(visibleText(viewport)).toContain(snapshot.site.config.store.name);
  });
});
