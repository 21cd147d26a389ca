"use client";
// The store's categories: add, rename in place, move, and delete (refused, with the reason, while one holds items).
import type { EditedCategory } from "@kaidian/catalog/server";
import { useActionState, useState } from "react";
import { format, type Dictionary } from "@/i18n";
import { type CatalogActionResult, deleteCategoryAction, moveCategoryAction, saveCategoryAction } from "@/server/actions/catalog";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/card";
import { ReloadButton } from "../ui/reload-button";
import { ErrorText, inputClass, smallButtonClass } from "./inputs";
import { RowAction } from "./row-action";

function NameForm({ t, store, category, onDone }: { t: Dictionary; store: string; category?: EditedCategory; onDone?: () => void }) {
  const words = t.catalog.categories;
  const [state, run, pending] = useActionState(async (previous: CatalogActionResult | null, formData: FormData) => {
    const result = await saveCategoryAction(previous, formData);
    if (result.ok) onDone?.();
    return result;
  }, null);
  const id = category ? `category-${category.id}` : "new-category";
  const error = state && !state.ok ? (state.fieldErrors?.name ?? state.message) : undefined;
  // A refused name stays in the box; a saved new one clears it for the next.
  const [name, setName] = useState(category?.name ?? "");
  return (
    <form action={run} className="flex flex-wrap items-start gap-2" noValidate>
      <input type="hidden" name="store" value={store} />
      {category && <input type="hidden" name="id" value={category.id} />}
      {category && <input type="hidden" name="revision" value={category.revision} />}
      <div className="min-w-40 flex-1 space-y-1">
        <label htmlFor={id} className="sr-only">{category ? format(words.renameNamed, { name: category.name }) : words.name}</label>
        <input
          id={id} name="name" value={name} onChange={(event) => setName(event.target.value)} placeholder={words.name}
          aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} className={inputClass(error)}
        />
        <ErrorText id={`${id}-error`} message={error} />
        {state && !state.ok && state.stale && <ReloadButton label={t.edits.reload} />}
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>{category ? words.save : words.add}</Button>
      {category && <Button type="button" variant="secondary" onClick={onDone}>{words.cancel}</Button>}
    </form>
  );
}

export function CategoriesPanel({ t, store, categories }: { t: Dictionary; store: string; categories: EditedCategory[] }) {
  const words = t.catalog.categories;
  const [renaming, setRenaming] = useState<string | null>(null);
  const [added, setAdded] = useState(0);
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">{words.lead}</p>
      {categories.length === 0 ? (
        <EmptyState>{words.empty}</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label={words.title}>
          {categories.map((category, index) => (
            <li key={category.id} className="py-2">
              {renaming === category.id ? (
                <NameForm t={t} store={store} category={category} onDone={() => setRenaming(null)} />
              ) : (
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium text-slate-900">{category.name}</span>
                  <span className="text-xs text-slate-500">{format(words.count, { count: category.itemCount })}</span>
                  <div className="ml-auto flex flex-wrap gap-1.5">
                    <button type="button" className={smallButtonClass} aria-label={format(words.renameNamed, { name: category.name })} onClick={() => setRenaming(category.id)}>
                      {words.rename}
                    </button>
                    {index > 0 && (
                      <RowAction action={moveCategoryAction} fields={{ store, id: category.id, direction: "up" }} label="↑" spokenLabel={format(t.catalog.moveUp, { name: category.name })} />
                    )}
                    {index < categories.length - 1 && (
                      <RowAction action={moveCategoryAction} fields={{ store, id: category.id, direction: "down" }} label="↓" spokenLabel={format(t.catalog.moveDown, { name: category.name })} />
                    )}
                    <RowAction
                      action={deleteCategoryAction} fields={{ store, id: category.id }} label={t.catalog.remove}
                      spokenLabel={format(t.catalog.removeNamed, { title: category.name })} tone="danger"
                    />
                  </div>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <NameForm key={added} t={t} store={store} onDone={() => setAdded((count) => count + 1)} />
    </div>
  );
}
