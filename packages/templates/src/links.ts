// Where a tap goes. Links point at things the template owns (its pages) or the store owns (categories, items),
// never at free-form paths, so a published Mini Program cannot link to a page that does not exist.
import { z } from "zod";
import type { LocalizedText } from "./localized";
import { PAGE_IDS } from "./pages";

const catalogIdSchema = z.string().min(1).max(64);

export const linkSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("none") }),
  z.object({ kind: z.literal("page"), page: z.enum(PAGE_IDS) }),
  z.object({ kind: z.literal("category"), categoryId: catalogIdSchema }),
  z.object({ kind: z.literal("item"), itemId: catalogIdSchema }),
]);
export type Link = z.infer<typeof linkSchema>;

export function link(label: LocalizedText, defaultValue: Link = { kind: "none" }) {
  return linkSchema.default(defaultValue).meta({ label, widget: "link" });
}
