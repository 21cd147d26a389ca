// The design editor's operations on a whole store config: pure functions from one config to the next. Each refuses
// (EditRefusedError with a code the dashboard words) what the template's config schema would refuse about a page's
// sections or the tab bar, and the `can*` questions let the editor grey out what it must not offer. Settings and
// text are taken as typed: invalid values stay in the config for the form to mark, and the schema keeps them out of
// the saved draft.
import { MAX_SECTIONS_PER_PAGE, PAGE_TITLE_MAX, type PageConfig, type SectionInstance, type StoreConfig, type TabBarItem } from "./config";
import { pages, type PageId } from "./pages";
import { sections, type SectionType } from "./sections";
import type { StoreInfo } from "./store-info";
import type { TemplateDefinition, TemplatePage } from "./template";
import type { Theme } from "./theme";

export const TAB_BAR_MIN = 2;
export const TAB_BAR_MAX = 5;

export type EditRefusal =
  | "unknownPage"
  | "unknownSection"
  | "notAllowed"
  | "maxPerPage"
  | "pageFull"
  | "required"
  | "tabBarFull"
  | "tabBarMinimum"
  | "noTabPageLeft"
  | "notTabPage"
  | "tabTaken";

export class EditRefusedError extends Error {
  override name = "EditRefusedError";
  constructor(readonly code: EditRefusal) {
    super(`The design cannot be edited this way: ${code}`);
  }
}

function templatePage(template: TemplateDefinition, pageId: PageId): TemplatePage {
  const page = template.pages.find((candidate) => candidate.id === pageId);
  if (!page) throw new EditRefusedError("unknownPage");
  return page;
}

function pageOf(config: StoreConfig, template: TemplateDefinition, pageId: PageId): PageConfig {
  templatePage(template, pageId);
  return config.pages[pageId] ?? { title: pages[pageId].label["zh-CN"], sections: [] };
}

function withPage(config: StoreConfig, pageId: PageId, page: PageConfig): StoreConfig {
  return { ...config, pages: { ...config.pages, [pageId]: page } };
}

function indexOfSection(page: PageConfig, sectionId: string): number {
  const index = page.sections.findIndex((section) => section.id === sectionId);
  if (index < 0) throw new EditRefusedError("unknownSection");
  return index;
}

/** Why a section of this type cannot be added to the page, or null when it can. */
export function addRefusal(config: StoreConfig, template: TemplateDefinition, pageId: PageId, type: SectionType): EditRefusal | null {
  if (!templatePage(template, pageId).sections.includes(type)) return "notAllowed";
  const list = pageOf(config, template, pageId).sections;
  if (list.length >= MAX_SECTIONS_PER_PAGE) return "pageFull";
  if (list.filter((section) => section.type === type).length >= sections[type].limits.maxPerPage) return "maxPerPage";
  return null;
}

/** The page's add-section palette: every type the template allows there, in its order, with why one cannot be added. */
export function sectionPalette(config: StoreConfig, template: TemplateDefinition, pageId: PageId) {
  return templatePage(template, pageId).sections.map((type) => ({ type, refusal: addRefusal(config, template, pageId, type) }));
}

/** A section id not yet used on the page, readable from its type: `notice`, `notice-2`, ... */
function freshId(page: PageConfig, type: SectionType): string {
  const taken = new Set(page.sections.map((section) => section.id));
  if (!taken.has(type)) return type;
  for (let n = 2; ; n++) if (!taken.has(`${type}-${n}`)) return `${type}-${n}`;
}

function refuseUnlessAddable(config: StoreConfig, template: TemplateDefinition, pageId: PageId, type: SectionType) {
  const refusal = addRefusal(config, template, pageId, type);
  if (refusal) throw new EditRefusedError(refusal);
}

/** Adds a section with its defaults at `index` (the end when omitted). Returns the config and the new section's id. */
export function addSection(
  config: StoreConfig,
  template: TemplateDefinition,
  pageId: PageId,
  type: SectionType,
  index?: number,
): { config: StoreConfig; sectionId: string } {
  refuseUnlessAddable(config, template, pageId, type);
  const page = pageOf(config, template, pageId);
  const id = freshId(page, type);
  // The settings schema's own defaults, so a new section is valid and shows something the moment it is added.
  const section = { id, type, settings: sections[type].settings.parse({}) } as SectionInstance;
  const list = [...page.sections];
  list.splice(index ?? list.length, 0, section);
  return { config: withPage(config, pageId, { ...page, sections: list }), sectionId: id };
}

/** Whether removing this section would leave the page without a section its template requires. */
export function isRequiredSection(config: StoreConfig, template: TemplateDefinition, pageId: PageId, sectionId: string): boolean {
  const page = pageOf(config, template, pageId);
  const section = page.sections[indexOfSection(page, sectionId)]!;
  const required = templatePage(template, pageId).required ?? [];
  return required.includes(section.type) && page.sections.filter((other) => other.type === section.type).length === 1;
}

export function removeSection(config: StoreConfig, template: TemplateDefinition, pageId: PageId, sectionId: string): StoreConfig {
  if (isRequiredSection(config, template, pageId, sectionId)) throw new EditRefusedError("required");
  const page = pageOf(config, template, pageId);
  return withPage(config, pageId, { ...page, sections: page.sections.filter((section) => section.id !== sectionId) });
}

/** A copy of the section, settings and all, right after it. */
export function duplicateSection(
  config: StoreConfig,
  template: TemplateDefinition,
  pageId: PageId,
  sectionId: string,
): { config: StoreConfig; sectionId: string } {
  const page = pageOf(config, template, pageId);
  const index = indexOfSection(page, sectionId);
  const original = page.sections[index]!;
  refuseUnlessAddable(config, template, pageId, original.type);
  const id = freshId(page, original.type);
  const list = [...page.sections];
  list.splice(index + 1, 0, { ...original, id, settings: structuredClone(original.settings) } as SectionInstance);
  return { config: withPage(config, pageId, { ...page, sections: list }), sectionId: id };
}

/** Moves the section at `from` to `to` (both clamped to the page's list). */
export function moveSection(config: StoreConfig, template: TemplateDefinition, pageId: PageId, from: number, to: number): StoreConfig {
  const page = pageOf(config, template, pageId);
  const list = [...page.sections];
  if (from < 0 || from >= list.length) throw new EditRefusedError("unknownSection");
  const [moved] = list.splice(from, 1);
  list.splice(Math.max(0, Math.min(to, list.length)), 0, moved!);
  return withPage(config, pageId, { ...page, sections: list });
}

/** Replaces the section's settings with what the form holds (validated by the schema, not here). */
export function updateSectionSettings(
  config: StoreConfig,
  template: TemplateDefinition,
  pageId: PageId,
  sectionId: string,
  settings: Record<string, unknown>,
): StoreConfig {
  const page = pageOf(config, template, pageId);
  const index = indexOfSection(page, sectionId);
  const list = [...page.sections];
  list[index] = { ...list[index]!, settings } as SectionInstance;
  return withPage(config, pageId, { ...page, sections: list });
}

export function setPageTitle(config: StoreConfig, template: TemplateDefinition, pageId: PageId, title: string): StoreConfig {
  return withPage(config, pageId, { ...pageOf(config, template, pageId), title });
}

/** The longest start of `text` within `max` UTF-16 units (zod's measure) that does not split a character. */
export function clipText(text: string, max: number): string {
  let clipped = "";
  for (const character of text) {
    if (clipped.length + character.length > max) break;
    clipped += character;
  }
  return clipped;
}

/**
 * Sets the store's details. Pages titled with the store's name (the home page, from sign-up) follow a rename, so
 * the name is changed in one place and the Mini Program's navigation bar never shows the old one.
 */
export function setStoreInfo(config: StoreConfig, store: StoreInfo): StoreConfig {
  const oldTitle = clipText(config.store.name, PAGE_TITLE_MAX);
  const newTitle = clipText(store.name, PAGE_TITLE_MAX);
  // A name being retyped (empty for a moment) leaves the titles alone rather than emptying them too.
  if (store.name === config.store.name || oldTitle === "" || newTitle.trim() === "") return { ...config, store };
  const pages: StoreConfig["pages"] = {};
  for (const [id, page] of Object.entries(config.pages) as [PageId, PageConfig][]) {
    pages[id] = page.title === oldTitle ? { ...page, title: newTitle } : page;
  }
  return { ...config, store, pages };
}

export function setTheme(config: StoreConfig, theme: Theme): StoreConfig {
  return { ...config, theme };
}

/** Tab pages of the template no tab opens yet, in the template's order. */
export function freeTabPages(config: StoreConfig, template: TemplateDefinition): PageId[] {
  const used = new Set(config.tabBar.map((tab) => tab.page));
  return template.tabPages.filter((page) => !used.has(page));
}

/** Why a tab cannot be added, or null when it can. */
export function addTabRefusal(config: StoreConfig, template: TemplateDefinition): EditRefusal | null {
  if (config.tabBar.length >= TAB_BAR_MAX) return "tabBarFull";
  if (freeTabPages(config, template).length === 0) return "noTabPageLeft";
  return null;
}

/** Adds a tab for the first tab page not yet in the bar, named after the page. */
export function addTab(config: StoreConfig, template: TemplateDefinition): StoreConfig {
  const refusal = addTabRefusal(config, template);
  if (refusal) throw new EditRefusedError(refusal);
  const page = freeTabPages(config, template)[0]!;
  return { ...config, tabBar: [...config.tabBar, { page, text: pages[page].label["zh-CN"] }] };
}

export function removeTab(config: StoreConfig, index: number): StoreConfig {
  if (config.tabBar.length <= TAB_BAR_MIN) throw new EditRefusedError("tabBarMinimum");
  if (index < 0 || index >= config.tabBar.length) throw new EditRefusedError("unknownSection");
  return { ...config, tabBar: config.tabBar.filter((_, at) => at !== index) };
}

/** Changes one tab: its page must be one of the template's tab pages that no other tab opens; its text is as typed. */
export function setTab(config: StoreConfig, template: TemplateDefinition, index: number, tab: TabBarItem): StoreConfig {
  if (index < 0 || index >= config.tabBar.length) throw new EditRefusedError("unknownSection");
  if (!template.tabPages.includes(tab.page)) throw new EditRefusedError("notTabPage");
  if (config.tabBar.some((other, at) => at !== index && other.page === tab.page)) throw new EditRefusedError("tabTaken");
  return { ...config, tabBar: config.tabBar.map((other, at) => (at === index ? tab : other)) };
}

export function moveTab(config: StoreConfig, from: number, to: number): StoreConfig {
  const tabs = [...config.tabBar];
  if (from < 0 || from >= tabs.length) throw new EditRefusedError("unknownSection");
  const [moved] = tabs.splice(from, 1);
  tabs.splice(Math.max(0, Math.min(to, tabs.length)), 0, moved!);
  return { ...config, tabBar: tabs };
}
