"use client";
import { useRouter } from "next/navigation";

/** Jumps between the stores a user may act on (an agency's many merchants, or an owner's few stores). */
export function StoreSwitcher({ label, current, stores, allStoresHref, allStoresLabel }: {
  label: string;
  current: string;
  stores: { slug: string; name: string }[];
  allStoresHref?: string;
  allStoresLabel: string;
}) {
  const router = useRouter();
  return (
    <select
      aria-label={label}
      value={current}
      onChange={(event) => router.push(event.target.value === "*" ? allStoresHref! : `/stores/${event.target.value}`)}
      className="w-full max-w-xs truncate rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm font-medium"
    >
      {stores.map((store) => <option key={store.slug} value={store.slug}>{store.name}</option>)}
      {allStoresHref && <option value="*">{allStoresLabel}</option>}
    </select>
  );
}
