// Moving a store's design to another template. What the merchant made carries over wherever the new template
// has a place for it: store info, theme, the tab bar's tabs, page titles, and every section (with its settings)
// that the new template allows on the same page. The plan lists what is kept, dropped and added, so the
// dashboard can warn before anything changes.
import { MAX_SECTIONS_PER_PAGE, type PageConfig, type SectionInstance, type StoreConfig, type TabBarItem } from "./config";
import type { PageId } from "./pages";
import { readConfig } from "./read-config";
import { sections, type SectionType } from "./sections";
import type { TemplateDefinition } from "./template";

export type SectionRef = { page: PageId; type: SectionType; id: string };

export type TemplateSwitchPlan = {
  /** The new draft config, valid for the new template. */
  config: StoreConfig;
  /** Sections that move over with their settings. */
  kept: SectionRef[];
  /** Sections the new template has no place for. */
  dropped: SectionRef[];
  /** Sections taken from the new template's sample: its required ones, and whole pages the old design lacked. */
  added: SectionRef[];
  /** Tabs that open pages the new template cannot put in its tab bar. */
  droppedTabs: PageId[];
  /** Links of kept sections that pointed at pages the new template lacks; they now go nowhere. */
  unlinked: number;
};

const ref = (page: PageId) => (section: SectionInstance): SectionRef => ({ page, type: section.type, id: section.id });

function sampleConfig(template: TemplateDefinition): StoreConfig {
  const read = readConfig(template, template.sample.config);
  if (!read.ok) throw new Error(`The ${template.id} sample config is invalid: ${JSON.stringify(read.problems)}`);
  return read.config;
}

/** Keeps the sections the page allows, in order, within each type's per-page limit and the page's limit. */
function keepAllowed(old: SectionInstance[], allowed: readonly SectionType[]): { kept: SectionInstance[]; dropped: SectionInstance[] } {
  const kept: SectionInstance[] = [];
  const dropped: SectionInstance[] = [];
  const perType = new Map<SectionType, number>();
  for (const section of old) {
    const count = (perType.get(section.type) ?? 0) + 1;
    const fits = allowed.includes(section.type) && count <= sections[section.type].limits.maxPerPage && kept.length < MAX_SECTIONS_PER_PAGE;
    if (fits) {
      perType.set(section.type, count);
      kept.push(section);
    } else {
      dropped.push(section);
    }
  }
  return { kept, dropped };
}

/** A copy of `value` whose links to pages outside `pageIds` go nowhere, and how many there were. */
function unlinkMissingPages<Value>(value: Value, pageIds: ReadonlySet<string>): { value: Value; unlinked: number } {
  let unlinked = 0;
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== "object") return node;
    const record = node as Record<string, unknown>;
    if (record.kind === "page" && typeof record.page === "string" && !pageIds.has(record.page)) {
      unlinked += 1;
      return { kind: "none" };
    }
    return Object.fromEntries(Object.entries(record).map(([key, child]) => [key, walk(child)]));
  };
  return { value: walk(value) as Value, unlinked };
}

/** A sample section under an id no kept section uses. */
function withFreeId(section: SectionInstance, taken: Set<string>): SectionInstance {
  let id = section.id;
  for (let n = 2; taken.has(id); n += 1) id = `${section.id.slice(0, 28)}-${n}`;
  taken.add(id);
  return { ...section, id };
}

export function planTemplateSwitch(config: StoreConfig, to: TemplateDefinition): TemplateSwitchPlan {
  const sample = sampleConfig(to);
  const plan: Omit<TemplateSwitchPlan, "config"> = { kept: [], dropped: [], added: [], droppedTabs: [], unlinked: 0 };
  const pages: Partial<Record<PageId, PageConfig>> = {};

  for (const page of to.pages) {
    const old = config.pages[page.id];
    const samplePage = sample.pages[page.id] ?? { title: "", sections: [] };
    const { kept, dropped } = keepAllowed(old?.sections ?? [], page.sections);
    plan.dropped.push(...dropped.map(ref(page.id)));
    // A page the old design had nothing on opens as the new template's sample shows it, never empty.
    const fromSample = kept.length === 0
      ? samplePage.sections
      : samplePage.sections.filter((section) => (page.required ?? []).includes(section.type) && !kept.some((k) => k.type === section.type));
    const taken = new Set(kept.map((section) => section.id));
    const added = fromSample.map((section) => withFreeId(section, taken));
    plan.kept.push(...kept.map(ref(page.id)));
    plan.added.push(...added.map(ref(page.id)));
    pages[page.id] = { title: old?.title ?? samplePage.title, sections: [...kept, ...added] };
  }
  for (const [pageId, page] of Object.entries(config.pages) as [PageId, PageConfig][]) {
    if (!to.pages.some((candidate) => candidate.id === pageId)) plan.dropped.push(...page.sections.map(ref(pageId)));
  }

  const tabs = config.tabBar.filter((tab) => to.tabPages.includes(tab.page));
  plan.droppedTabs = config.tabBar.filter((tab) => !to.tabPages.includes(tab.page)).map((tab) => tab.page);
  const tabBar: TabBarItem[] = tabs.length >= 2 ? tabs : sample.tabBar;

  const linked = unlinkMissingPages(pages, new Set(to.pages.map((page) => page.id)));
  plan.unlinked = linked.unlinked;
  const read = readConfig(to, { ...config, templateId: to.id, tabBar, pages: linked.value });
  if (!read.ok) throw new Error(`Switching to ${to.id} built an invalid config: ${JSON.stringify(read.problems)}`);
  return { ...plan, config: read.config };
}
