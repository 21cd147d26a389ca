// One page of the store's items by category, in the merchant's order, with what shoppers see of each (listed,
// hidden, sold out) and the one-click actions beside it.
import { formatYuan, type ItemKind } from "@kaidian/catalog";
import type { EditedCategory, ListedItem } from "@kaidian/catalog/server";
import Link from "next/link";
import { format, type Dictionary } from "@/i18n";
import { deleteItemAction, moveItemAction, setDishSoldOutAction, setItemVisibleAction } from "@/server/actions/catalog";
import { Badge } from "../ui/badge";
import { smallButtonClass } from "./inputs";
import { RowAction } from "./row-action";

export function CatalogList({ t, store, kind, categories, items, itemHref, editable, morePages }: {
  t: Dictionary;
  /** Whether the viewer may change the catalog; others see it without the actions. */
  editable: boolean;
  store: string;
  kind: ItemKind;
  categories: EditedCategory[];
  items: ListedItem[];
  itemHref: (id: string) => string;
  /** Whether pages come before and after this one: the first and last rows here may still move across them. */
  morePages: { before: boolean; after: boolean };
}) {
  // The page arrives grouped by category; each run of one category is a table.
  const names = new Map(categories.map((category) => [category.id, category.name]));
  const groups: { key: string; name: string; items: ListedItem[] }[] = [];
  for (const item of items) {
    const key = item.categoryId ?? "none";
    if (groups.at(-1)?.key !== key) groups.push({ key, name: (item.categoryId && names.get(item.categoryId)) || t.catalog.uncategorised, items: [] });
    groups.at(-1)!.items.push(item);
  }

  return (
    <div className="space-y-6">
      {groups.map((group, groupIndex) => (
        <table key={group.key} className="w-full text-left text-sm" data-testid="catalog-group">
          <caption className="pb-2 text-left text-sm font-semibold text-slate-900">{group.name}</caption>
          <thead className="text-xs text-slate-500">
            <tr>
              <th className="py-2">{t.catalog.columns.title}</th>
              <th>{t.catalog.columns.price}</th>
              <th>{t.catalog.columns.status}</th>
              {editable && <th className="text-right">{t.catalog.columns.actions}</th>}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {group.items.map((item, index) => {
              const row = { store, id: item.id };
              const canMoveUp = index > 0 || (groupIndex === 0 && morePages.before);
              const canMoveDown = index < group.items.length - 1 || (groupIndex === groups.length - 1 && morePages.after);
              const named = { title: item.title, name: item.title };
              return (
                <tr key={item.id} className="align-middle">
                  <td className="min-w-40 py-2 pr-3">
                    {editable ? <Link href={itemHref(item.id)} className="font-medium text-slate-900 hover:underline">{item.title}</Link> : item.title}
                    {item.sample && <span className="ml-2"><Badge>{t.catalog.sample}</Badge></span>}
                  </td>
                  <td className="whitespace-nowrap pr-3">¥{formatYuan(item.priceFen)}{kind === "room" && t.catalog.perNight}</td>
                  <td className="space-x-1 whitespace-nowrap pr-3">
                    {item.visible ? <Badge tone="good">{t.catalog.listed}</Badge> : <Badge tone="warn">{t.catalog.hidden}</Badge>}
                    {item.soldOut && <Badge tone="bad">{t.catalog.soldOut}</Badge>}
                  </td>
                  {editable && <td className="py-2">
                    <div className="flex flex-wrap justify-end gap-1.5">
                      <Link href={itemHref(item.id)} className={smallButtonClass} aria-label={format(t.catalog.editNamed, named)}>{t.catalog.edit}</Link>
                      <RowAction
                        action={setItemVisibleAction} fields={{ ...row, value: String(!item.visible) }}
                        label={item.visible ? t.catalog.hide : t.catalog.show} spokenLabel={`${item.visible ? t.catalog.hide : t.catalog.show} ${item.title}`}
                      />
                      {kind === "dish" && (
                        <RowAction
                          action={setDishSoldOutAction} fields={{ ...row, value: String(!item.soldOut) }}
                          label={item.soldOut ? t.catalog.markAvailable : t.catalog.markSoldOut}
                          spokenLabel={`${item.soldOut ? t.catalog.markAvailable : t.catalog.markSoldOut} ${item.title}`}
                        />
                      )}
                      {canMoveUp && <RowAction action={moveItemAction} fields={{ ...row, direction: "up" }} label="↑" spokenLabel={format(t.catalog.moveUp, named)} />}
                      {canMoveDown && (
                        <RowAction action={moveItemAction} fields={{ ...row, direction: "down" }} label="↓" spokenLabel={format(t.catalog.moveDown, named)} />
                      )}
                      <RowAction
                        action={deleteItemAction} fields={row} label={t.catalog.remove} spokenLabel={format(t.catalog.removeNamed, named)}
                        confirm={format(t.catalog.confirmRemove, named)} tone="danger"
                      />
                    </div>
                  </td>}
                </tr>
              );
            })}
          </tbody>
        </table>
      ))}
    </div>
  );
}
