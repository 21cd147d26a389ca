// A config change in the merchant's words. Field, page and section names come from the templates' own labels
// (the zod schemas' metadata), so the history never restates them.
import { pages, sections, storeInfoSchema, themeSchema, type ConfigChange, type SectionType } from "@kaidian/templates";
import { format, type Dictionary, type Locale } from "@/i18n";

function fieldLabels(schema: typeof storeInfoSchema | typeof themeSchema, fields: string[], locale: Locale): string {
  const shape = schema.shape as Record<string, { meta(): { label?: Record<Locale, string> } | undefined }>;
  return fields.map((field) => shape[field]?.meta()?.label?.[locale] ?? field).join(locale === "zh-CN" ? "、" : ", ");
}

export function changeText(change: ConfigChange, t: Dictionary, locale: Locale): string {
  const words = t.design.changes;
  switch (change.code) {
    case "store":
      return format(words.store, { fields: fieldLabels(storeInfoSchema, change.fields, locale) });
    case "theme":
      return format(words.theme, { fields: fieldLabels(themeSchema, change.fields, locale) });
    case "tabBar":
      return words.tabBar;
    case "pageTitle":
    case "sectionsReordered":
      return format(words[change.code], { page: pages[change.page].label[locale] });
    default:
      return format(words[change.code], {
        page: pages[change.page].label[locale],
        section: sections[change.type as SectionType]?.label[locale] ?? change.type,
      });
  }
}
