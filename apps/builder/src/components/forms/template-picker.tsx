import { templateList } from "@kaidian/templates";
import type { Locale } from "@/i18n";

/** The three templates as radio cards; the first is chosen unless the form says otherwise. */
export function TemplatePicker({ locale, legend, categoryLabel, selected, error }: { locale: Locale; legend: string; categoryLabel: string; selected?: string; error?: string }) {
  const chosen = selected ?? templateList[0]!.id;
  return (
    <fieldset className="space-y-2" aria-describedby={error ? "templateId-error" : undefined}>
      <legend className="mb-1.5 text-sm font-medium text-slate-800">{legend}</legend>
      <div className="grid gap-2 sm:grid-cols-3">
        {templateList.map((template) => (
          <label key={template.id} className="relative flex cursor-pointer flex-col gap-1 rounded-lg border border-slate-300 bg-white p-3 text-sm has-checked:border-brand-600 has-checked:ring-2 has-checked:ring-brand-100">
            <input type="radio" name="templateId" value={template.id} defaultChecked={template.id === chosen} className="sr-only" />
            <span className="font-semibold text-slate-900">{template.name[locale]}</span>
            <span className="text-xs leading-relaxed text-slate-600">{template.description[locale]}</span>
            <span className="mt-1 text-[11px] text-slate-500">{categoryLabel}：{template.wechatCategory[locale]}</span>
          </label>
        ))}
      </div>
      {error && <p id="templateId-error" role="alert" className="text-xs font-medium text-red-600">{error}</p>}
    </fieldset>
  );
}
