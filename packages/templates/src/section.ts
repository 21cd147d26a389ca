// A section is one definition object: its settings schema (types, defaults, limits, form metadata), its labels and
// its placement limits. The Mini Program renders it with a component of the same type name; the dashboard edits it
// with a form generated from `settings`.
import type { z } from "zod";
import type { LocalizedText } from "./localized";

export type SectionDefinition<Type extends string = string, Settings extends z.ZodObject = z.ZodObject> = {
  type: Type;
  label: LocalizedText;
  description: LocalizedText;
  settings: Settings;
  limits: {
    /** How many of this section one page may hold. */
    maxPerPage: number;
    /** The most repeated entries (slides, coupons, items shown) one instance may hold. */
    maxItems?: number;
  };
};

export function defineSection<const Type extends string, Settings extends z.ZodObject>(
  definition: SectionDefinition<Type, Settings>,
): SectionDefinition<Type, Settings> {
  return definition;
}
