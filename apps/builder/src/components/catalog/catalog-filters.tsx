// The catalog list's search and category filter, a plain GET form so the query lives in the address and the
// browser's back button; and the pager beneath the list, keeping the search.
import { type EditedCategory, UNCATEGORISED } from "@kaidian/catalog/server";
import Link from "next/link";
import { format, type Dictionary } from "@/i18n";
import { buttonClass } from "../ui/button";
import { inputClass, smallButtonClass } from "./inputs";

export type ListFilters = { q: string; category?: string };

export function listHref(base: string, filters: ListFilters, page = 1): string {
  const query = new URLSearchParams();
  if (filters.q) query.set("q", filters.q);
  if (filters.category) query.set("category", filters.category);
  if (page > 1) query.set("page", String(page));
  const text = query.toString();
  return text ? `${base}?${text}` : base;
}

export function CatalogFilters({ t, base, categories, filters }: { t: Dictionary; base: string; categories: EditedCategory[]; filters: ListFilters }) {
  return (
    <form action={base} method="get" role="search" className="flex flex-wrap items-end gap-2">
      <label className="grow text-sm">
        <span className="sr-only">{t.catalogList.search}</span>
        <input type="search" name="q" defaultValue={filters.q} maxLength={40} placeholder={t.catalogList.search} className={inputClass()} />
      </label>
      <label className="text-sm">
        <span className="sr-only">{t.catalogList.category}</span>
        <select name="category" defaultValue={filters.category ?? ""} className={inputClass()}>
          <option value="">{t.catalogList.allCategories}</option>
          {categories.map((category) => <option key={category.id} value={category.id}>{category.name}</option>)}
          <option value={UNCATEGORISED}>{t.catalog.uncategorised}</option>
        </select>
      </label>
      <button type="submit" className={buttonClass("secondary")}>{t.catalogList.searchButton}</button>
      {(filters.q || filters.category) && <Link href={base} className={smallButtonClass}>{t.catalogList.clear}</Link>}
    </form>
  );
}

export function CatalogPager({ t, base, filters, page, pageCount }: { t: Dictionary; base: string; filters: ListFilters; page: number; pageCount: number }) {
  if (pageCount <= 1) return null;
  return (
    <nav className="flex items-center justify-between text-sm text-slate-600" aria-label={format(t.catalogList.page, { page, pageCount })}>
      {page > 1 ? <Link href={listHref(base, filters, page - 1)} className={smallButtonClass} rel="prev">{t.catalogList.previous}</Link> : <span />}
      <span>{format(t.catalogList.page, { page, pageCount })}</span>
      {page < pageCount ? <Link href={listHref(base, filters, page + 1)} className={smallButtonClass} rel="next">{t.catalogList.next}</Link> : <span />}
    </nav>
  );
}
