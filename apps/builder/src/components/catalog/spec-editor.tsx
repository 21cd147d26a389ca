"use client";
// A product's specs (up to three, each with its options) and the SKU table they make, with price and stock per row.
import { format, type Dictionary } from "@/i18n";
import { type ItemDraft, withSkus } from "./item-draft";
import { smallButtonClass, TextInput } from "./inputs";

const MAX_SPECS = 3;

export function SpecEditor({ t, draft, onDraft, errors }: {
  t: Dictionary; draft: ItemDraft; onDraft: (draft: ItemDraft) => void; errors: (path: string, within?: boolean) => string | undefined;
}) {
  const words = t.catalog.form;
  const setSpecs = (specs: ItemDraft["specs"]) => onDraft(withSkus({ ...draft, specs }));
  const setSku = (index: number, change: Partial<ItemDraft["skus"][number]>) =>
    onDraft({ ...draft, skus: draft.skus.map((sku, i) => (i === index ? { ...sku, ...change } : sku)) });

  return (
    <fieldset className="space-y-4">
      <legend className="text-base font-semibold text-slate-900">{words.specs}</legend>
      <p className="text-sm text-slate-600">{words.specsLead}</p>
      {draft.specs.map((spec, index) => {
        const position = { index: index + 1 };
        return (
          <div key={index} className="grid gap-3 rounded-lg border border-slate-200 p-3 sm:grid-cols-[10rem_1fr_auto] sm:items-start">
            <TextInput
              path={`details.specs.${index}.name`} label={words.specName} aria-label={format(words.specNameNamed, position)} value={spec.name}
              onValue={(name) => setSpecs(draft.specs.map((s, i) => (i === index ? { ...s, name } : s)))}
              error={errors(`details.specs.${index}.name`)}
            />
            <TextInput
              path={`details.specs.${index}.options`} label={words.specOptions} aria-label={format(words.specOptionsNamed, position)} value={spec.options}
              hint={words.optionsHint}
              onValue={(options) => setSpecs(draft.specs.map((s, i) => (i === index ? { ...s, options } : s)))}
              error={errors(`details.specs.${index}.options`, true)}
            />
            <button type="button" className={`${smallButtonClass} sm:mt-7`} onClick={() => setSpecs(draft.specs.filter((_, i) => i !== index))}>
              {format(words.removeSpec, position)}
            </button>
          </div>
        );
      })}
      <button type="button" className={smallButtonClass} disabled={draft.specs.length >= MAX_SPECS} onClick={() => setSpecs([...draft.specs, { name: "", options: "" }])}>
        + {words.addSpec}
      </button>
      {errors("details.skus") && <p role="alert" className="text-xs font-medium text-red-600">{errors("details.skus")}</p>}
      {draft.skus.length > 0 && (
        <table className="w-full text-left text-sm">
          <thead className="text-xs text-slate-500">
            <tr><th className="py-2">{words.sku}</th><th className="w-36">{words.skuPrice}</th><th className="w-28">{words.skuStock}</th></tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {draft.skus.map((sku, index) => {
              const name = sku.options.join(" / ");
              return (
                <tr key={sku.options.join("\u0000")} className="align-top">
                  <td className="py-2 pr-3">{name}</td>
                  <td className="py-1 pr-3">
                    <TextInput
                      path={`details.skus.${index}.priceFen`} hiddenLabel label={format(words.skuPriceNamed, { sku: name })} inputMode="decimal"
                      value={sku.price} onValue={(price) => setSku(index, { price })} error={errors(`details.skus.${index}.priceFen`)}
                    />
                  </td>
                  <td className="py-1">
                    <TextInput
                      path={`details.skus.${index}.stock`} hiddenLabel label={format(words.skuStockNamed, { sku: name })} inputMode="numeric"
                      value={sku.stock} onValue={(stock) => setSku(index, { stock })} error={errors(`details.skus.${index}.stock`)}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </fieldset>
  );
}
