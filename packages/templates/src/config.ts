// The whole config of one store: theme, store info, tab bar and pages -> ordered sections -> settings. The schema is
// built per template from the section definitions, so it is the one rule the dashboard, the read API and the
// generator all validate against.
import { lineText } from "@kaidian/catalog";
import { z } from "zod";
import { text } from "./fields";
import { t } from "./localized";
import { pages, type PageId } from "./pages";
import { CONFIG_SCHEMA_VERSION } from "./schema-version";
import { sections, type SectionType } from "./sections";
import { storeInfoSchema, type StoreInfo } from "./store-info";
import type { TemplateDefinition, TemplateId } from "./template";
import { themeSchema, type Theme } from "./theme";

export const MAX_SECTIONS_PER_PAGE = 30;
/** Page titles fit WeChat's navigation bar. */
export const PAGE_TITLE_MAX = 16;

export const sectionIdSchema = z
  .string()
  .regex(/^[a-z0-9-]{1,32}$/, { error: "Section ids use a-z, 0-9 and - (at most 32)" });

export type SectionInstance = {
  [Type in SectionType]: { id: string; type: Type; settings: z.output<(typeof sections)[Type]["settings"]> };
}[SectionType];

export type PageConfig = { title: string; sections: SectionInstance[] };
export type TabBarItem = { page: PageId; text: string };

export type StoreConfig = {
  schemaVersion: number;
  templateId: TemplateId;
  theme: Theme;
  store: StoreInfo;
  tabBar: TabBarItem[];
  pages: Partial<Record<PageId, PageConfig>>;
};

type SectionInstanceInput = {
  [Type in SectionType]: { id: string; type: Type; settings?: z.input<(typeof sections)[Type]["settings"]> };
}[SectionType];

export type StoreConfigInput = {
  schemaVersion: number;
  templateId: TemplateId;
  theme?: z.input<typeof themeSchema>;
  store: z.input<typeof storeInfoSchema>;
  tabBar: TabBarItem[];
  pages: Partial<Record<PageId, { title: string; sections: SectionInstanceInput[] }>>;
};

function sectionInstanceSchema(allowed: readonly SectionType[]) {
  const [first, ...rest] = allowed.map((type) =>
    z.object({ id: sectionIdSchema, type: z.literal(type), settings: (sections[type].settings as z.ZodObject).prefault({}) }),
  );
  const message = `Not a section this page allows (allowed: ${allowed.join(", ") || "none"})`;
  if (!first) return z.never({ error: message });
  return z.discriminatedUnion("type", [first, ...rest], { error: message });
}

function sectionListSchema(allowed: readonly SectionType[], required: readonly SectionType[]) {
  return z
    .array(sectionInstanceSchema(allowed))
    .max(MAX_SECTIONS_PER_PAGE)
    .superRefine((list, ctx) => {
      const seenIds = new Set<string>();
      const perType = new Map<string, number>();
      list.forEach((section, index) => {
        if (seenIds.has(section.id)) {
          ctx.addIssue({ code: "custom", path: [index, "id"], message: `Section id "${section.id}" is used twice` });
        }
        seenIds.add(section.id);
        const count = (perType.get(section.type) ?? 0) + 1;
        perType.set(section.type, count);
        const max = sections[section.type].limits.maxPerPage;
        if (count > max) {
          ctx.addIssue({ code: "custom", path: [index], message: `A page holds at most ${max} ${section.type} section(s)` });
        }
      });
      for (const type of required) {
        if (!perType.has(type)) ctx.addIssue({ code: "custom", path: [], message: `This page must keep its ${type} section` });
      }
    });
}

function tabBarSchema(template: TemplateDefinition) {
  return z
    .array(
      z.object({
        page: z.enum(template.tabPages as [PageId, ...PageId[]], { error: `Tabs may open: ${template.tabPages.join(", ")}` }),
        text: lineText(6).min(1),
      }),
    )
    .min(2, { error: "The tab bar needs 2 to 5 tabs" })
    .max(5, { error: "The tab bar needs 2 to 5 tabs" })
    .superRefine((tabs, ctx) => {
      const seen = new Set<PageId>();
      tabs.forEach((tab, index) => {
        if (seen.has(tab.page)) ctx.addIssue({ code: "custom", path: [index, "page"], message: `Two tabs open ${tab.page}` });
        seen.add(tab.page);
      });
    });
}

const schemas = new Map<TemplateId, z.ZodType<StoreConfig, StoreConfigInput>>();

/** The config schema of a template, at the current schema version. */
export function configSchemaFor(template: TemplateDefinition): z.ZodType<StoreConfig, StoreConfigInput> {
  const cached = schemas.get(template.id);
  if (cached) return cached;
  const pageSchemas = Object.fromEntries(
    template.pages.map((page) => [
      page.id,
      // A page missing from a saved config (a template gained it later) opens with its label and no sections.
      z
        .object({
          title: text(t("页面标题", "Page title"), { max: PAGE_TITLE_MAX, min: 1, default: pages[page.id].label["zh-CN"] }),
          sections: sectionListSchema(page.sections, page.required ?? []).default([]),
        })
        .prefault({}),
    ]),
  );
  // Built from data (the template's pages and their sections), so zod cannot infer StoreConfig itself: the types
  // above state it, and the templates' tests parse every sample through this schema.
  const schema = z.object({
    schemaVersion: z.literal(CONFIG_SCHEMA_VERSION),
    templateId: z.literal(template.id),
    theme: themeSchema.prefault({}),
    store: storeInfoSchema,
    tabBar: tabBarSchema(template),
    pages: z.strictObject(pageSchemas),
  }) as unknown as z.ZodType<StoreConfig, StoreConfigInput>;
  schemas.set(template.id, schema);
  return schema;
}
