"use client";
// The tab bar: 2 to 5 tabs, each one of the template's tab pages (no page twice) with its text. Buttons that
// would break those limits are disabled with the reason.
import { addTab, addTabRefusal, moveTab, removeTab, setTab, TAB_BAR_MAX, TAB_BAR_MIN, type PageId, type TemplateDefinition } from "@kaidian/templates";
import { format } from "@/i18n";
import { fieldId, inputClass, smallButtonClass, type FormContext } from "./form-context";
import type { Editor } from "./use-editor";

export function TabBarForm({ editor, template, context, errors }: { editor: Editor; template: TemplateDefinition; context: FormContext; errors: Record<string, string> }) {
  const { config } = editor;
  const words = context.t.editor;
  const tabs = config.tabBar;
  const addRefusal = addTabRefusal(config, template);
  const labelOf = (page: PageId) => context.pages.find((candidate) => candidate.id === page)?.label ?? page;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-500">{words.tabBarLead} <span className="text-slate-700">{format(words.tab.count, { count: tabs.length })}</span></p>
      {errors[""] && <p role="alert" className="text-sm font-medium text-red-600">{errors[""]}</p>}
      <ol className="space-y-2">
        {tabs.map((tab, index) => {
          const n = index + 1;
          const pageId = fieldId("tab", `${index}.page`);
          const textId = fieldId("tab", `${index}.text`);
          const error = errors[`${index}.text`] ?? errors[`${index}.page`];
          const choices = template.tabPages.filter((page) => page === tab.page || !tabs.some((other) => other.page === page));
          return (
            <li key={index} data-testid="tab-row" className="space-y-2 rounded-lg border border-slate-200 p-3">
              <div className="grid grid-cols-2 gap-2">
                <span className="space-y-1">
                  <label htmlFor={pageId} className="block text-xs font-medium text-slate-700">{format(words.tab.page, { n })}</label>
                  <select id={pageId} className={inputClass(false)} value={tab.page} onChange={(event) => editor.change(setTab(config, template, index, { ...tab, page: event.target.value as PageId }))}>
                    {choices.map((page) => (
                      <option key={page} value={page}>{labelOf(page)}</option>
                    ))}
                  </select>
                </span>
                <span className="space-y-1">
                  <label htmlFor={textId} className="block text-xs font-medium text-slate-700">{format(words.tab.text, { n })}</label>
                  <input id={textId} className={inputClass(Boolean(errors[`${index}.text`]))} aria-invalid={errors[`${index}.text`] ? true : undefined} aria-describedby={error ? `${textId}-error` : undefined} maxLength={6} value={tab.text}
                    onChange={(event) => editor.change(setTab(config, template, index, { ...tab, text: event.target.value }), `tabBar.${index}.text`)} />
                </span>
              </div>
              {error && <p id={`${textId}-error`} role="alert" className="text-xs font-medium text-red-600">{error}</p>}
              <div className="flex gap-1">
                <button type="button" className={smallButtonClass} disabled={index === 0} aria-label={`${format(words.tab.text, { n })} ${words.moveUp}`} onClick={() => editor.change(moveTab(config, index, index - 1))}>{words.moveUp}</button>
                <button type="button" className={smallButtonClass} disabled={index === tabs.length - 1} aria-label={`${format(words.tab.text, { n })} ${words.moveDown}`} onClick={() => editor.change(moveTab(config, index, index + 1))}>{words.moveDown}</button>
                <button type="button" className={smallButtonClass} disabled={tabs.length <= TAB_BAR_MIN} title={tabs.length <= TAB_BAR_MIN ? words.refusal.tabBarMinimum : undefined} onClick={() => editor.change(removeTab(config, index))}>
                  {format(words.tab.remove, { n })}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <div className="flex items-center gap-2">
        <button type="button" className={smallButtonClass} disabled={addRefusal !== null} onClick={() => editor.change(addTab(config, template))}>+ {words.tab.add}</button>
        {addRefusal && <span className="text-xs text-slate-500">{format(words.refusal[addRefusal], { max: TAB_BAR_MAX })}</span>}
        {tabs.length <= TAB_BAR_MIN && <span className="text-xs text-slate-500">{words.refusal.tabBarMinimum}</span>}
      </div>
    </div>
  );
}
