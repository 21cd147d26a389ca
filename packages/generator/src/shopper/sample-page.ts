// Test helpers: render a page of a template's sample package, made by the generator, with the page harness
// (miniprogram-simulate and a fake wx), and tap its elements. Test files using them need `// @vitest-environment jsdom`.
import { mkdtemp } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pages, sampleSnapshot, type PageId, type SiteSnapshot, type TemplateId } from "@kaidian/templates";
import { formatProblem } from "../problems";
import { generatePackage } from "../generate";
import { renderPage, type RenderOptions, type RenderedPage } from "../testing/render-page";

export type { RenderedPage };

/** The generator's package of the template's sample store (or of `snapshot`), in a fresh temporary directory. */
export async function samplePackage(templateId: TemplateId, snapshot: SiteSnapshot = sampleSnapshot(templateId)): Promise<string> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), `kaidian-${templateId}-`));
  const result = await generatePackage(
    { tenant: { id: snapshot.site.tenantId, slug: `sample-${templateId}` }, appid: "touristappid", templateId, snapshot },
    { outDir },
  );
  if (!result.ok) throw new Error(`The ${templateId} sample did not generate:\n${result.problems.map(formatProblem).join("\n")}`);
  return result.written!.dir;
}

/** Renders one page of the sample package and waits for its wx callbacks (the launch refresh included). */
export async function openSamplePage(
  templateId: TemplateId,
  pageId: PageId,
  options: RenderOptions & { snapshot?: SiteSnapshot } = {},
): Promise<RenderedPage> {
  const page = await renderPage(await samplePackage(templateId, options.snapshot), pages[pageId].path, options);
  await page.settle();
  return page;
}

type Exparser = {
  Event: {
    create(name: string, detail: unknown, options: Record<string, unknown>): unknown;
    dispatchEvent(target: unknown, event: unknown): void;
  };
};

let exparser: Exparser | undefined;

/** The exparser instance j-component renders with (both resolved from miniprogram-simulate). */
function loadExparser(): Exparser {
  if (!exparser) {
    const fromSimulate = createRequire(createRequire(import.meta.url).resolve("miniprogram-simulate"));
    exparser = createRequire(fromSimulate.resolve("j-component"))("miniprogram-exparser") as Exparser;
  }
  return exparser;
}

/** The first element matching `selector` whose text contains `text` (if given). */
export function find(page: RenderedPage, selector: string, text?: string): Element {
  const element = [...page.root.querySelectorAll(selector)].find((candidate) => !text || candidate.textContent?.includes(text));
  if (!element) throw new Error(`Nothing matches ${selector}${text ? ` with "${text}"` : ""} in: ${page.text()}`);
  return element;
}

/** Fires a Mini Program event (tap, change, input...) on an element, then waits for what it starts. */
export async function fire(page: RenderedPage, element: Element, name: string, detail: unknown = {}): Promise<void> {
  const target = (element as Element & { __wxElement?: unknown }).__wxElement;
  const { Event } = loadExparser();
  Event.dispatchEvent(target, Event.create(name, detail, { bubbles: true, composed: true, extraFields: { touches: [], changedTouches: [] } }));
  await page.settle();
}

/** Taps the first element matching `selector` (whose text contains `text`, if given), as a finger would. */
export function tap(page: RenderedPage, selector: string, text?: string): Promise<void> {
  return fire(page, find(page, selector, text), "tap");
}
