import type { CatalogInput, ItemKind } from "@kaidian/catalog";
import type { StoreConfigInput } from "./config";
import type { LocalizedText } from "./localized";
import type { PageId } from "./pages";
import type { SectionType } from "./sections";

export const TEMPLATE_IDS = ["ecommerce", "hotel", "restaurant"] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export type TemplatePage = {
  id: PageId;
  /** The section types a merchant may place on this page, in palette order. Empty: the page is fixed. */
  sections: readonly SectionType[];
  /** Sections the page cannot do without (the order page's menu): a config without them is refused. */
  required?: readonly SectionType[];
};

export type TemplateDefinition = {
  id: TemplateId;
  /** Bumped whenever the template's pages, sections or samples change; recorded on every build. */
  version: string;
  name: LocalizedText;
  description: LocalizedText;
  /** The WeChat service category the Mini Program must be registered under to pass review. */
  wechatCategory: LocalizedText;
  /** What the store's catalog holds: products, room types or dishes. */
  itemKind: ItemKind;
  /** The pages the Mini Program has; the first is the home page. */
  pages: readonly TemplatePage[];
  /** Pages a merchant may put in the tab bar (WeChat requires tab pages in the main package: all of ours are). */
  tabPages: readonly PageId[];
  /** What a new store starts with, so it never opens empty. */
  sample: { config: StoreConfigInput; catalog: CatalogInput };
};

export function defineTemplate(template: TemplateDefinition): TemplateDefinition {
  return template;
}
