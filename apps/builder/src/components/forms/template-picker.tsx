import { templateList } from "@kaidian/templates";
import { format, type Dictionary, type Locale } from "@/i18n";
import { TemplateThumbnail } from "../template/template-thumbnail";

/** The three templates as radio cards, each showing its sample store; the first is chosen unless the form says otherwise. */
export function TemplatePicker({ t, locale, selected, error }: { t: Dictionary; locale: Locale; selected?: string; error?: string }) {
  const chosen = selected ?? templateList[0]!.id;
  return (
    <fieldset className="space-y-2" aria-describedby={error ? "templateId-error" : undefined}>
      <legend className="mb-1.5 text-sm font-medium text-slate-800">{t.store.template}</legend>
      <div className="grid gap-2 sm:grid-cols-3">
        {templateList.map((template) => (
          <label key={template.id} className="relative flex cursor-pointer flex-col gap-1 rounded-lg border border-slate-300 bg-white p-3 text-sm has-checked:border-brand-600 has-checked:ring-2 has-checked:ring-brand-100 has-focus-visible:ring-2 has-focus-visible:ring-brand-300">
            <input type="radio" name="templateId" value={template.id} defaultChecked={template.id === chosen} className="sr-only" />
            <TemplateThumbnail templateId={template.id} label={format(t.templateSwitch.preview, { name: template.name[locale] })} words={t.preview} scale={0.32} className="mb-1 h-[200px] pt-2" />
            <span className="font-semibold text-slate-900">{template.name[locale]}</span>
            <span className="text-xs leading-relaxed text-slate-600">{template.description[locale]}</span>
            <span className="mt-1 text-[11px] text-slate-500">{t.store.wechatCategory}：{template.wechatCategory[locale]}</span>
          </label>
        ))}
      </div>
      {error && <p id="templateId-error" role="alert" className="text-xs font-medium text-red-600">{error}</p>}
    </fieldset>
  );
}
