"use client";
// The editor's right pane: the form of what is selected, generated from its schema, with the schema's messages at
// each field. Typing in one field within a moment is one undo step.
import {
  formFields,
  PAGE_TITLE_MAX,
  sections,
  setPageTitle,
  setStoreInfo,
  setTheme,
  storeInfoSchema,
  themeSchema,
  t as localized,
  updateSectionSettings,
  type FieldDescriptor,
  type SectionType,
  type TemplateDefinition,
} from "@kaidian/templates";
import { format } from "@/i18n";
import type { FormContext } from "./form-context";
import { fieldErrors } from "./issue-message";
import { SchemaForm } from "./schema-form";
import { TabBarForm } from "./tab-bar-form";
import type { Editor } from "./use-editor";

const storeFields = formFields(storeInfoSchema);
const themeFields = formFields(themeSchema);
const sectionFields = new Map<SectionType, FieldDescriptor[]>();
function fieldsOf(type: SectionType): FieldDescriptor[] {
  if (!sectionFields.has(type)) sectionFields.set(type, formFields(sections[type].settings));
  return sectionFields.get(type)!;
}

export function SettingsPane({ editor, template, context }: { editor: Editor; template: TemplateDefinition; context: FormContext }) {
  const { config, selection } = editor;
  const { part } = selection;
  const errors = fieldErrors(editor.issuesOf(part), context.t, context.locale);
  const heading = (text: string) => <h2 className="mb-4 text-base font-semibold text-slate-900">{text}</h2>;

  switch (part.kind) {
    case "store":
      return (
        <form aria-label={context.t.design.storeInfo} onSubmit={(event) => event.preventDefault()}>
          {heading(context.t.design.storeInfo)}
          <SchemaForm idPrefix="store" fields={storeFields} values={config.store} errors={errors} context={context}
            onChange={(name, value) => editor.change(setStoreInfo(config, { ...config.store, [name]: value }), `store.${name}`)} />
        </form>
      );
    case "theme":
      return (
        <form aria-label={context.t.design.theme} onSubmit={(event) => event.preventDefault()}>
          {heading(context.t.design.theme)}
          <SchemaForm idPrefix="theme" fields={themeFields} values={config.theme} errors={errors} context={context}
            onChange={(name, value) => editor.change(setTheme(config, { ...config.theme, [name]: value }), `theme.${name}`)} />
        </form>
      );
    case "tabBar":
      return (
        <form aria-label={context.t.editor.tabBar} onSubmit={(event) => event.preventDefault()}>
          {heading(context.t.editor.tabBar)}
          <TabBarForm editor={editor} template={template} context={context} errors={errors} />
        </form>
      );
    case "page": {
      const label = context.pages.find((page) => page.id === part.page)?.label ?? part.page;
      const titleField: FieldDescriptor = { name: "title", widget: "text", label: localized("页面标题", "Page title"), min: 1, max: PAGE_TITLE_MAX };
      return (
        <form aria-label={format(context.t.editor.pageSettings, { page: label })} onSubmit={(event) => event.preventDefault()}>
          {heading(format(context.t.editor.pageSettings, { page: label }))}
          {errors.sections && <p role="alert" className="mb-3 text-sm font-medium text-red-600">{errors.sections}</p>}
          <SchemaForm idPrefix={`page-${part.page}`} fields={[titleField]} values={{ title: config.pages[part.page]?.title ?? "" }} errors={errors} context={context}
            onChange={(_, value) => editor.change(setPageTitle(config, template, part.page, String(value)), `page.${part.page}.title`)} />
        </form>
      );
    }
    case "section": {
      const section = config.pages[part.page]?.sections.find((candidate) => candidate.id === part.sectionId);
      if (!section) return <p className="text-sm text-slate-500">{context.t.editor.refusal.unknownSection}</p>;
      const label = sections[section.type].label[context.locale];
      const settings = section.settings as Record<string, unknown>;
      return (
        <form aria-label={format(context.t.editor.settingsOf, { section: label })} onSubmit={(event) => event.preventDefault()}>
          {heading(format(context.t.editor.settingsOf, { section: label }))}
          <p className="-mt-3 mb-4 text-xs text-slate-500">{sections[section.type].description[context.locale]}</p>
          {errors[""] && <p role="alert" className="mb-3 text-sm font-medium text-red-600">{errors[""]}</p>}
          <SchemaForm idPrefix={`section-${section.id}`} fields={fieldsOf(section.type)} values={settings} errors={errors} context={context}
            onChange={(name, value) =>
              editor.change(updateSectionSettings(config, template, part.page, section.id, { ...settings, [name]: value }), `section.${part.page}.${section.id}.${name}`)
            } />
        </form>
      );
    }
  }
}
