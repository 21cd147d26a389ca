// What changed between two configs, in the merchant's terms (a section added on the home page, the theme, the
// tab bar), for the version history. Codes and parameters, not sentences: the dashboard words them per language.
import type { PageId } from "./pages";
import type { StoreConfig } from "./config";

export type ConfigChange =
  | { code: "store"; fields: string[] }
  | { code: "theme"; fields: string[] }
  | { code: "tabBar" }
  | { code: "pageTitle"; page: PageId }
  | { code: "sectionAdded" | "sectionRemoved" | "sectionEdited"; page: PageId; section: string; type: string }
  | { code: "sectionsReordered"; page: PageId };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function changedFields<T extends object>(before: T, after: T): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof T>;
  return [...keys].filter((key) => !same(before[key], after[key])).map(String);
}

export function describeChanges(before: StoreConfig, after: StoreConfig): ConfigChange[] {
  const changes: ConfigChange[] = [];
  const store = changedFields(before.store, after.store);
  if (store.length) changes.push({ code: "store", fields: store });
  const theme = changedFields(before.theme, after.theme);
  if (theme.length) changes.push({ code: "theme", fields: theme });
  if (!same(before.tabBar, after.tabBar)) changes.push({ code: "tabBar" });

  const pageIds = new Set([...Object.keys(before.pages), ...Object.keys(after.pages)]) as Set<PageId>;
  for (const page of pageIds) {
    const old = before.pages[page] ?? { title: "", sections: [] };
    const now = after.pages[page] ?? { title: "", sections: [] };
    if (old.title !== now.title) changes.push({ code: "pageTitle", page });
    const oldById = new Map(old.sections.map((section) => [section.id, section]));
    const nowById = new Map(now.sections.map((section) => [section.id, section]));
    for (const section of now.sections) {
      const previous = oldById.get(section.id);
      if (!previous) changes.push({ code: "sectionAdded", page, section: section.id, type: section.type });
      else if (!same(previous, section)) changes.push({ code: "sectionEdited", page, section: section.id, type: section.type });
    }
    for (const section of old.sections) {
      if (!nowById.has(section.id)) changes.push({ code: "sectionRemoved", page, section: section.id, type: section.type });
    }
    const kept = (list: { id: string }[], other: Map<string, unknown>) => list.filter((s) => other.has(s.id)).map((s) => s.id);
    if (!same(kept(old.sections, nowById), kept(now.sections, oldById))) changes.push({ code: "sectionsReordered", page });
  }
  return changes;
}
