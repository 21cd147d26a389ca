// The dashboard's words for the catalog's problem codes and refusals, for the item form, the import and the list.
import type { ItemKind, Problem } from "@kaidian/catalog";
import { format, type Dictionary } from "@/i18n";

export function problemMessage(t: Dictionary, kind: ItemKind, problem: Pick<Problem, "code" | "params">): string {
  return format(t.catalog.problems[problem.code], { item: t.catalog.itemName[kind], ...problem.params });
}

/** Field errors keyed by the dotted path of the field ("details.skus.0.priceFen"), as the item form names them. */
export function fieldErrorsOf(t: Dictionary, kind: ItemKind, problems: Problem[]): Record<string, string> {
  return Object.fromEntries(problems.map((problem) => [problem.path.join("."), problemMessage(t, kind, problem)]));
}
