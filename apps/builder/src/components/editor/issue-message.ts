// A config problem in the merchant's words: from the zod issue the template's schema raised, the field's own
// descriptor (for its limits) and the editor's dictionary. Custom rules are told apart by the schema's messages.
import { sections, type ConfigIssue, type SectionType } from "@kaidian/templates";
import { format, type Dictionary, type Locale } from "@/i18n";
import { validationMessage } from "@/components/design/validation-message";

export function issueMessage(problem: ConfigIssue, t: Dictionary, locale: Locale): string {
  const { issue, field } = problem;
  const words = t.editor.problems;
  if (issue.code === "custom") {
    if (issue.message.startsWith("Pick at least one item")) return words.pickItem;
    if (issue.message.startsWith("Two tabs open")) return words.tabTwice;
    if (issue.message.startsWith("Offer dine-in")) return words.menuMode;
    if (issue.message.startsWith("The default mode")) return words.defaultMode;
    const missing = /must keep its ([a-z-]+) section/.exec(issue.message)?.[1] as SectionType | undefined;
    if (missing) return format(words.missingSection, { section: sections[missing]?.label[locale] ?? missing });
    const max = /holds at most (\d+)/.exec(issue.message)?.[1];
    if (max) return format(t.editor.refusal.maxPerPage, { max });
  }
  if (problem.part.kind === "tabBar" && field === "") return words.tabCount;
  if (issue.code === "too_small" && issue.origin === "array") return format(words.tooFew, { min: Number(issue.minimum) });
  if (issue.code === "too_big" && issue.origin === "array") return format(words.tooMany, { max: Number(issue.maximum) });
  if (issue.code === "too_small" && issue.origin === "number") return format(words.atLeast, { min: Number(issue.minimum) });
  if (issue.code === "too_big" && issue.origin === "number") return format(words.atMost, { max: Number(issue.maximum) });
  if (issue.code === "invalid_format" && issue.message.includes("colour")) return words.color;
  return validationMessage(issue, field.split(".").at(-1) ?? field, t.design.validation);
}

/** The messages of one part's problems, by field path (`slides.0.title`); the first problem of a field wins. */
export function fieldErrors(issues: ConfigIssue[], t: Dictionary, locale: Locale): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) errors[issue.field] ??= issueMessage(issue, t, locale);
  return errors;
}
