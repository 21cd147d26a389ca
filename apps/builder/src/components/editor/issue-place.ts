// Where a config problem is, in the merchant's words: "首页 ·「轮播图」· 轮播图片 · 第 1 项 · 图片". Shared by the
// editor's publish button and the server's refusal of a save, so both name the field the same way.
import {
  configIssues,
  formFields,
  pages as pageDefinitions,
  sections,
  storeInfoSchema,
  themeSchema,
  type ConfigIssue,
  type FieldDescriptor,
  type PageId,
  type StoreConfig,
  type TemplateDefinition,
} from "@kaidian/templates";
import { format, type Dictionary, type Locale } from "@/i18n";
import { issueMessage } from "./issue-message";

export type PlaceContext = { t: Dictionary; locale: Locale; pages: { id: PageId; label: string }[] };

function fieldLabel(fields: FieldDescriptor[], path: string, context: PlaceContext): string | undefined {
  const [name, index, entryName] = path.split(".");
  const field = fields.find((candidate) => candidate.name === name);
  if (!field) return undefined;
  const own = field.label[context.locale];
  if (index === undefined || field.widget !== "list") return own;
  const entry = format(context.t.editor.list.entry, { n: Number(index) + 1 });
  const inner = field.entry?.find((candidate) => candidate.name === entryName)?.label[context.locale];
  return [own, entry, inner].filter(Boolean).join(" · ");
}

export function placeOf(problem: ConfigIssue, config: StoreConfig, context: PlaceContext): string {
  const { part, field } = problem;
  const pageLabel = (id: string) => context.pages.find((page) => page.id === id)?.label ?? id;
  switch (part.kind) {
    case "store":
      return [context.t.design.storeInfo, fieldLabel(formFields(storeInfoSchema), field, context)].filter(Boolean).join(" · ");
    case "theme":
      return [context.t.design.theme, fieldLabel(formFields(themeSchema), field, context)].filter(Boolean).join(" · ");
    case "tabBar": {
      const index = field.split(".")[0];
      return [context.t.editor.tabBar, index ? format(context.t.editor.tab.text, { n: Number(index) + 1 }) : undefined].filter(Boolean).join(" · ");
    }
    case "page":
      return [pageLabel(part.page), field === "title" ? context.t.editor.pageTitle : undefined].filter(Boolean).join(" · ");
    case "section": {
      const section = config.pages[part.page]?.sections.find((candidate) => candidate.id === part.sectionId);
      const name = section ? sections[section.type].label[context.locale] : part.sectionId;
      const label = section ? fieldLabel(formFields(sections[section.type].settings), field, context) : undefined;
      return [pageLabel(part.page), `「${name}」`, label].filter(Boolean).join(" · ");
    }
  }
}

/**
 * Why the server refused a save, naming the first field at fault ("未保存：店铺信息 · 店铺名称：只能填一行。"). The
 * config is whatever was sent: when it is not even config-shaped, there is no field to name.
 */
export function saveRefusal(config: unknown, template: TemplateDefinition, t: Dictionary, locale: Locale): string {
  let first: ConfigIssue | undefined;
  try {
    first = configIssues(config as StoreConfig, template)[0];
  } catch {
    first = undefined;
  }
  if (!first || first.issue.path.length === 0) return t.design.cannotSave;
  const pages = template.pages.map((page) => ({ id: page.id, label: pageDefinitions[page.id].label[locale] }));
  return format(t.storeSetup.saveRefused, { place: placeOf(first, config as StoreConfig, { t, locale, pages }), message: issueMessage(first, t, locale) });
}
