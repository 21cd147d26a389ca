// What every generated field needs besides its own value: the words, the locale, the template's pages and the
// store's catalog (for link, category and item pickers) and the store (for image uploads).
import type { TileServer } from "@kaidian/maps";
import type { PageId } from "@kaidian/templates";
import type { Dictionary, Locale } from "@/i18n";

export type CatalogChoices = {
  categories: { id: string; name: string }[];
  items: { id: string; title: string }[];
};

export type FormContext = {
  store: string;
  locale: Locale;
  t: Dictionary;
  pages: { id: PageId; label: string }[];
  catalog: CatalogChoices;
  /** The operator's map tile server, when there is one: the location field then offers a map to click. */
  mapTiles: TileServer | null;
};

export const inputClass = (invalid: boolean) =>
  `block w-full rounded-lg border bg-white px-3 py-2 text-sm text-slate-900 shadow-xs outline-none focus:ring-2 ${invalid ? "border-red-400 focus:ring-red-200" : "border-slate-300 focus:border-brand-500 focus:ring-brand-100"}`;

export const smallButtonClass =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600 disabled:cursor-not-allowed disabled:opacity-40";

/** Field ids from paths (`slides.0.title`), safe for htmlFor. */
export const fieldId = (prefix: string, path: string) => `${prefix}-${path.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
