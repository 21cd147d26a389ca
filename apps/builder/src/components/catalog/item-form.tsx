"use client";
// One item's form, for the store's kind. It keeps what the merchant typed as typed; a save that is refused (here
// by the catalog's schema, or by the server) marks each field with its message and loses nothing. A save names the
// revision the form opened; if someone saved the item since, the refusal says who and offers a reload.
import { type Item, itemEditSchema, type ItemKind, type Problem, problemsOf } from "@kaidian/catalog";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { errorMessage, type Dictionary } from "@/i18n";
import { saveItemAction } from "@/server/actions/catalog";
import { ImageListField } from "../media/image-list-field";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { FormError } from "../ui/field";
import { inputClass, TextInput } from "./inputs";
import { draftOf, type ItemDraft, toItemInput } from "./item-draft";
import { OptionGroupsEditor } from "./option-groups-editor";
import { fieldErrorsOf } from "./problem-message";
import { RoomFields } from "./room-fields";
import { SpecEditor } from "./spec-editor";

const MAX_IMAGES = 9;

export function ItemForm({ t, store, kind, categories, item, listHref, backLabel }: {
  t: Dictionary;
  store: string;
  kind: ItemKind;
  categories: { id: string; name: string }[];
  item: (Item & { revision: number }) | null;
  listHref: string;
  backLabel: string;
}) {
  const words = t.catalog.form;
  const router = useRouter();
  const [draft, setDraft] = useState<ItemDraft>(() => draftOf(item));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  const [stale, setStale] = useState(false);
  const [pending, startTransition] = useTransition();
  const form = useRef<HTMLFormElement>(null);

  // After a refused save, the first marked field takes the focus, so a keyboard user lands on what to fix.
  useEffect(() => {
    form.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [fieldErrors]);

  /** The message for a field; with `within`, also for anything inside it (one amenity of the list, say). */
  const errors = (path: string, within = false) =>
    fieldErrors[path] ?? (within ? Object.entries(fieldErrors).find(([key]) => key.startsWith(`${path}.`))?.[1] : undefined);

  function refuse(problems: Problem[]) {
    setFieldErrors(fieldErrorsOf(t, kind, problems));
    setFormError(errorMessage(t, "form.invalid"));
  }

  function save(event: React.FormEvent) {
    event.preventDefault();
    const { input, problems } = toItemInput(kind, draft);
    const checked = itemEditSchema.safeParse(input);
    const unread = new Set(problems.map((p) => p.path.join(".")));
    const all = [...problems, ...(checked.success ? [] : problemsOf(checked.error).filter((p) => !unread.has(p.path.join("."))))];
    if (all.length > 0) return refuse(all);
    startTransition(async () => {
      try {
        // The stock shown when the form opened: counts left as they were keep what shoppers bought meanwhile.
        const loadedStock = item?.kind === "product" ? item.details.skus.map(({ options, stock }) => ({ options, stock })) : undefined;
        const result = await saveItemAction(item ? { store, id: item.id, revision: item.revision, loadedStock, item: input } : { store, item: input });
        if (result.ok) {
          router.push(listHref);
          router.refresh();
          return;
        }
        setFieldErrors(result.fieldErrors ?? {});
        setFormError(result.message);
        setStale(result.stale === true);
      } catch {
        setFormError(words.failed);
      }
    });
  }

  const set = (change: Partial<ItemDraft>) => setDraft((current) => ({ ...current, ...change }));

  return (
    <form ref={form} onSubmit={save} noValidate className="space-y-4">
      <Card title={words.basics}>
        <div className="space-y-4">
          <div className="grid gap-4 sm:grid-cols-[2fr_1fr_1fr]">
            <TextInput path="title" label={words.title} value={draft.title} onValue={(title) => set({ title })} error={errors("title")} required />
            <div className="space-y-1.5">
              <label htmlFor="categoryId" className="block text-sm font-medium text-slate-800">{words.category}</label>
              <select
                id="categoryId" value={draft.categoryId} onChange={(event) => set({ categoryId: event.target.value })}
                aria-invalid={errors("categoryId") ? true : undefined} className={inputClass(errors("categoryId"))}
              >
                <option value="">{words.noCategory}</option>
                {categories.map((category) => <option key={category.id} value={category.id}>{category.name}</option>)}
              </select>
              {errors("categoryId") && <p role="alert" className="text-xs font-medium text-red-600">{errors("categoryId")}</p>}
            </div>
            <TextInput
              path="priceFen" label={kind === "room" ? words.roomPrice : words.price} hint={words.priceHint} inputMode="decimal"
              value={draft.price} onValue={(price) => set({ price })} error={errors("priceFen")} required
            />
          </div>
          <div className="space-y-1.5">
            <label htmlFor="description" className="block text-sm font-medium text-slate-800">{words.description}</label>
            <textarea
              id="description" rows={4} value={draft.description} onChange={(event) => set({ description: event.target.value })}
              aria-invalid={errors("description") ? true : undefined} className={inputClass(errors("description"))}
            />
            {errors("description") && <p role="alert" className="text-xs font-medium text-red-600">{errors("description")}</p>}
          </div>
          <ImageListField
            store={store} name="images" label={words.images} value={draft.images} max={MAX_IMAGES} words={t.media}
            onChange={(images) => set({ images })} invalid={errors("images", true)}
          />
        </div>
      </Card>
      <Card>
        {kind === "product" && <SpecEditor t={t} draft={draft} onDraft={setDraft} errors={errors} />}
        {kind === "room" && <RoomFields t={t} draft={draft} onDraft={setDraft} errors={errors} />}
        {kind === "dish" && <OptionGroupsEditor t={t} draft={draft} onDraft={setDraft} errors={errors} />}
      </Card>
      <FormError message={formError} reload={stale ? t.edits.reload : undefined} />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending} aria-disabled={pending}>{pending ? words.saving : words.save}</Button>
        <a href={listHref} className="text-sm text-slate-600 underline-offset-2 hover:underline">
          {backLabel}
        </a>
      </div>
    </form>
  );
}
